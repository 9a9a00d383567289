//! Display formatting for listings (pure).

use crate::graph::model::ItemKind;

/// `1.2 MB`-style sizes (binary units, one decimal above bytes), with the language's decimal
/// separator and word for bytes.
pub fn human_size(bytes: u64, decimal: char, bytes_word: &str) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        return format!("{bytes} {bytes_word}");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit]).replace('.', &decimal.to_string())
}

/// The date part of an ISO 8601 timestamp (`2025-11-03`), or empty.
pub fn short_date(iso: Option<&str>) -> String {
    iso.and_then(|s| s.get(..10))
        .filter(|d| d.as_bytes().get(4) == Some(&b'-'))
        .unwrap_or("")
        .to_string()
}

/// A CSS-friendly kind name.
pub fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Folder => "folder",
        ItemKind::Word => "word",
        ItemKind::Excel => "excel",
        ItemKind::PowerPoint => "powerpoint",
        ItemKind::Pdf => "pdf",
        ItemKind::Image => "image",
        ItemKind::Video => "video",
        ItemKind::Audio => "audio",
        ItemKind::Text => "text",
        ItemKind::Other => "file",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_dates() {
        assert_eq!(human_size(0, '.', "bytes"), "0 bytes");
        assert_eq!(human_size(1536, '.', "bytes"), "1.5 KB");
        assert_eq!(human_size(5 * 1024 * 1024, ',', "Byte"), "5,0 MB");
        assert_eq!(short_date(Some("2025-11-03T09:00:00Z")), "2025-11-03");
        assert_eq!(short_date(Some("garbage")), "");
        assert_eq!(short_date(None), "");
    }
}
