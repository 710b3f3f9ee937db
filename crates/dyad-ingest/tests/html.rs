//! HTML extraction on a realistic news page (tests/data/news_page.html: navigation, cookie
//! banner, scripts, share buttons, image caption, ad slot, related links, tags, comments,
//! sidebar, newsletter box, footer) and on page shapes without an `<article>`.

use dyad_ingest::{document_from_html, read_document, ReadOptions};
use std::path::Path;

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

#[test]
fn news_page_article_text_and_metadata() {
    let doc = read_document(&data("news_page.html"), &ReadOptions::default()).unwrap();
    let expected = std::fs::read_to_string(data("news_page.expected.txt")).unwrap();
    assert_eq!(
        doc.text, expected,
        "extracted text (snapshot: tests/data/news_page.expected.txt)"
    );
    assert!(doc.from_html);
    assert_eq!(doc.id, "news_page");
    assert_eq!(doc.outlet.as_deref(), Some("Example Times"));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Iran and Syria vow closer ties after Damascus talks")
    );
    let h = doc.headline_span.expect("the h1 is in the text and marked");
    assert_eq!(
        &doc.text[h.start..h.end],
        "Iran and Syria vow closer ties after Damascus talks"
    );
    assert_eq!(doc.dateline.as_deref(), Some("DAMASCUS"));
    assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2024, 5, 21));
    assert_eq!(doc.url.as_deref(), Some("https://example.com/world/iran-syria-ties"));
    let dropped: Vec<&str> = doc
        .dropped
        .iter()
        .map(|d| &doc.text[d.span.start..d.span.end])
        .collect();
    assert_eq!(dropped, ["Read more:", "Timeline: Iran–Syria relations"]);
    for furniture in [
        "Home",
        "cookies",
        "Share",
        "Handout",
        "Advertisement",
        "Related",
        "Comments",
        "Most read",
        "briefing",
        "©",
        "loadAd",
        "dataLayer",
    ] {
        assert!(!doc.text.contains(furniture), "{furniture:?} leaked into the text");
    }
}

#[test]
fn page_without_article_uses_the_content_block_with_most_paragraph_text() {
    let page = r#"<html><head><title>Talks resume - Wire</title><meta name="og:site_name" content="Wire"></head><body>
        <div class="menu"><p>Home</p><p>World</p></div>
        <div class="col"><div class="article-body">
          <p>VIENNA (Wire) - Nuclear talks resumed on Monday.</p><p>Diplomats were cautious.</p>
        </div></div>
        <div class="promo"><p>Subscribe now for full access to all our reporting and archives.</p></div>
        </body></html>"#;
    let doc = document_from_html("p", page);
    assert_eq!(
        doc.text,
        "VIENNA (Wire) - Nuclear talks resumed on Monday.\n\nDiplomats were cautious."
    );
    assert_eq!(
        doc.headline.as_deref(),
        Some("Talks resume"),
        "<title> without the site suffix"
    );
    assert_eq!(doc.headline_span, None, "the title is not in the text");
    assert_eq!(doc.outlet.as_deref(), Some("Wire"));
    assert_eq!(doc.dateline.as_deref(), Some("VIENNA"));
}

#[test]
fn teaser_cards_as_articles_do_not_win_over_the_story() {
    let page = r#"<html><body><main>
        <article><h2>Other story</h2><p>Short teaser.</p></article>
        <article><p>ANKARA — Turkey and Syria held talks on Thursday about the border and refugees.</p><p>No agreement was announced.</p></article>
        <article><h2>Third story</h2><p>Another teaser.</p></article>
        </main></body></html>"#;
    let doc = document_from_html("p", page);
    assert!(doc.text.starts_with("ANKARA — Turkey"), "{}", doc.text);
    assert!(!doc.text.contains("teaser"));
}

#[test]
fn broken_and_empty_markup_never_panics() {
    for page in [
        "",
        "<",
        "<html><body>",
        "<p>unclosed <b>bold <i>mixed</p> text",
        &"<div>".repeat(3_000),
        "<script>only()</script>",
    ] {
        let _ = document_from_html("x", page);
    }
    let doc = document_from_html("x", &format!("{}<p>Deep text.</p>", "<div>".repeat(3_000)));
    assert!(doc.text.contains("Deep text."));
}
