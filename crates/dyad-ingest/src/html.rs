//! Article text from a news web page.
//!
//! A saved news page is mostly not the article: navigation, scripts, share buttons, related
//! links, comment forms, footers. Extraction (1) picks the element that holds the article —
//! the `<article>`, `articleBody` or `<main>` candidate with the most paragraph text — (2)
//! walks it, skipping elements that are furniture by tag (`nav`, `aside`, `form`, …), role
//! or class name (`share`, `related`, `comments`, …), and (3) writes each block as one
//! paragraph with single spaces, paragraphs separated by a blank line. The result is the
//! document's `text`; every span points into it, and the `document` record carries it.
//!
//! Metadata comes from the usual places: `og:title`/`<h1>`/`<title>` for the headline,
//! `og:site_name` for the outlet, `article:published_time`/`<time datetime>` for the date,
//! `og:url`/canonical link for the URL. The page is parsed by html5ever (through `scraper`),
//! which recovers from broken markup as a browser does.

use crate::jsonl::parse_date;
use chrono::NaiveDate;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// What extraction found in a page.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Article {
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
}

/// Elements that never hold article text.
const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "iframe",
    "svg",
    "canvas",
    "figure",
    "figcaption",
    "video",
    "audio",
    "object",
    "embed",
    "map",
    "dialog",
    "menu",
    "head",
    "title",
    "meta",
    "link",
];

/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
];

/// Words in `class`/`id` that mark furniture (`share-buttons`, `related_posts`, `comments`).
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "comments",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "newsletter",
    "promo",
    "breadcrumb",
    "breadcrumbs",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "sidebar",
    "tags",
    "byline",
    "caption",
    "recommended",
    "popular",
    "trending",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "widget",
    "banner",
    "sponsored",
    "outbrain",
    "taboola",
    "print",
    "toolbar",
];

/// Elements that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "address",
    "hr",
    "body",
    "center",
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

static CANDIDATES: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "article, main, [role=main], [itemprop=articleBody], .article-body, .article-content, .articleBody, \
         .story-body, .entry-content, .post-content, .news-text, .item-text, .content-body, #article-body, #story",
    )
});
static PARAGRAPHS: LazyLock<Selector> = LazyLock::new(|| selector("p"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));

/// Extracts the article text and metadata from an HTML page.
pub(crate) fn extract(page: &str) -> Article {
    let html = Html::parse_document(page);
    let root = article_root(&html);
    let mut writer = TextWriter::default();
    if let Some(root) = root {
        writer.walk(root);
    }
    let text = writer.finish();

    let site_name = meta(&html, &["og:site_name", "application-name"]);
    let title = writer
        .first_h1
        .clone()
        .or_else(|| meta(&html, &["og:title", "twitter:title"]))
        .or_else(|| first_text(&html, "h1"))
        .or_else(|| first_text(&html, "title").map(|t| strip_site_suffix(&t, site_name.as_deref())));
    let published = meta(
        &html,
        &[
            "article:published_time",
            "datePublished",
            "pubdate",
            "publish-date",
            "date",
            "dc.date",
            "DC.date.issued",
        ],
    )
    .or_else(|| first_attr(&html, "[itemprop=datePublished]", "content"))
    .or_else(|| first_attr(&html, "time[datetime]", "datetime"))
    .and_then(|d| parse_date(&d));
    let url = meta(&html, &["og:url"]).or_else(|| first_attr(&html, "link[rel=canonical]", "href"));
    Article {
        text,
        title,
        outlet: site_name,
        published,
        url,
    }
}

/// The element holding the article: the `<article>` with the most paragraph text when it
/// holds at least half of the best candidate's (it usually also holds the title, and a
/// `<main>` around it holds teaser cards too), otherwise the candidate with the most.
fn article_root(html: &Html) -> Option<ElementRef<'_>> {
    let scored: Vec<(ElementRef, usize)> = html
        .select(&CANDIDATES)
        .filter(|el| !is_furniture(el))
        .map(|el| {
            (
                el,
                el.select(&PARAGRAPHS)
                    .map(|p| p.text().map(str::len).sum::<usize>())
                    .sum(),
            )
        })
        .collect();
    let best = scored.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if best == 0 {
        return html.select(&BODY).next();
    }
    let best_article = scored
        .iter()
        .filter(|(el, _)| el.value().name() == "article")
        .max_by_key(|(_, n)| *n);
    best_article
        .filter(|(_, n)| *n * 2 >= best)
        .or_else(|| scored.iter().find(|(_, n)| *n == best))
        .map(|(el, _)| *el)
}

/// True for elements that are page furniture by tag, role, visibility or class name.
fn is_furniture(el: &ElementRef) -> bool {
    let v = el.value();
    if SKIPPED_TAGS.contains(&v.name()) || v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if v.attr("role")
        .is_some_and(|r| SKIPPED_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if v.attr("style")
        .is_some_and(|s| s.replace(' ', "").to_ascii_lowercase().contains("display:none"))
    {
        return true;
    }
    let names = v.attr("class").into_iter().chain(v.attr("id"));
    names
        .flat_map(|n| n.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|word| {
            let word = word.to_ascii_lowercase();
            FURNITURE_WORDS.contains(&word.as_str())
        })
}

/// Collects block text as paragraphs.
#[derive(Default)]
struct TextWriter {
    paragraphs: Vec<String>,
    current: String,
    /// The text of the first `<h1>` inside the article: the headline, as it sits in the text.
    first_h1: Option<String>,
    /// How many paragraphs there were when that `<h1>` opened.
    h1_start: Option<usize>,
}

impl TextWriter {
    /// Walks the tree without recursion (pages nest deeply), skipping furniture subtrees.
    fn walk(&mut self, root: ElementRef) {
        let mut skipping: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.push_text(&t.text),
                        Node::Element(e) => {
                            let el = ElementRef::wrap(node).expect("element node");
                            if node.id() != root.id() && is_furniture(&el) {
                                skipping = Some(node.id());
                            } else if e.name() == "br" {
                                self.current.push('\n');
                            } else if BLOCK_TAGS.contains(&e.name()) {
                                self.flush();
                                if e.name() == "h1" && self.first_h1.is_none() {
                                    self.h1_start = Some(self.paragraphs.len());
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                    } else if skipping.is_none() {
                        if let Node::Element(e) = node.value() {
                            if BLOCK_TAGS.contains(&e.name()) {
                                self.flush();
                                // The h1's own text, when it produced a paragraph.
                                if e.name() == "h1"
                                    && self.first_h1.is_none()
                                    && self.h1_start.is_some_and(|n| self.paragraphs.len() > n)
                                {
                                    self.first_h1 = self.paragraphs.last().cloned();
                                }
                            }
                        }
                    }
                }
            }
        }
        self.flush();
    }

    /// Adds text with runs of whitespace collapsed to one space.
    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(|c: char| c.is_whitespace()).enumerate() {
            if i > 0 && !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    fn flush(&mut self) {
        let para: String = self
            .current
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if !para.is_empty() {
            self.paragraphs.push(para);
        }
        self.current.clear();
    }

    fn finish(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

fn meta(html: &Html, names: &[&str]) -> Option<String> {
    static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
    names.iter().find_map(|name| {
        html.select(&META)
            .find(|m| {
                let v = m.value();
                [v.attr("property"), v.attr("name"), v.attr("itemprop")]
                    .iter()
                    .flatten()
                    .any(|a| a.eq_ignore_ascii_case(name))
            })
            .and_then(|m| m.value().attr("content"))
            .map(collapse)
            .filter(|s| !s.is_empty())
    })
}

fn first_text(html: &Html, css: &str) -> Option<String> {
    html.select(&selector(css))
        .map(|el| collapse(&el.text().collect::<String>()))
        .find(|s| !s.is_empty())
}

fn first_attr(html: &Html, css: &str, attr: &str) -> Option<String> {
    html.select(&selector(css))
        .find_map(|el| el.value().attr(attr).map(collapse))
        .filter(|s| !s.is_empty())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Assad visits Tehran | Example News" → "Assad visits Tehran" when the site name is known.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site {
        for sep in [" | ", " - ", " – ", " — ", " :: "] {
            if let Some(rest) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep)) {
                return rest.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_from_blocks_and_skips_furniture() {
        let page = r#"<html><head><title>T | Site</title><meta property="og:site_name" content="Site"></head><body>
            <nav><a href="/">Home</a></nav>
            <article><h1>Big  news
            today</h1><div class="share-buttons">Share on Twitter</div>
            <p>First <b>para</b>graph
            here.</p><script>var x = 1;</script><p>Second<br>line.</p>
            <aside>Related: other</aside></article><footer>© Site</footer></body></html>"#;
        let a = extract(page);
        assert_eq!(a.text, "Big news today\n\nFirst paragraph here.\n\nSecond\nline.");
        assert_eq!(a.title.as_deref(), Some("Big news today"));
        assert_eq!(a.outlet.as_deref(), Some("Site"));
    }

    #[test]
    fn title_suffix_is_stripped_when_site_known() {
        assert_eq!(
            strip_site_suffix("Assad visits Tehran | Example News", Some("Example News")),
            "Assad visits Tehran"
        );
        assert_eq!(
            strip_site_suffix("Assad visits Tehran - Other", Some("Example News")),
            "Assad visits Tehran - Other"
        );
    }

    #[test]
    fn no_paragraphs_falls_back_to_body() {
        let a = extract("<html><body><div>Just a line of text.</div></body></html>");
        assert_eq!(a.text, "Just a line of text.");
    }
}
