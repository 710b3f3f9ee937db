//! Byte ranges into a document's original text.

use serde::{Deserialize, Serialize};

/// A `[start, end)` byte range into a document's original text.
///
/// Spans are how every token, mention, quote and event stays verifiable: `&text[span]` is
/// always the surface the record claims. Serialized as a two-element array `[start, end]`,
/// the shape FORMAT.md fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers; `None` when it is out of range or not on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Span, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(deserializer)?;
        if start > end {
            return Err(serde::de::Error::custom(format!("span start {start} after end {end}")));
        }
        Ok(Span { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_pair() {
        let span = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&span).unwrap(), "[3,9]");
        assert_eq!(serde_json::from_str::<Span>("[3,9]").unwrap(), span);
        assert!(serde_json::from_str::<Span>("[9,3]").is_err());
    }

    #[test]
    fn cover_and_overlap() {
        let a = Span::new(0, 5);
        let b = Span::new(4, 8);
        assert_eq!(a.cover(b), Span::new(0, 8));
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(5, 6)));
        assert_eq!(Span::new(1, 2).slice("héllo"), None); // not a char boundary
        assert_eq!(Span::new(0, 1).slice("héllo"), Some("h"));
    }
}
