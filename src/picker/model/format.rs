//! Display formatting for listings (pure).

use crate::graph::model::ItemKind;

/// `1.2 MB`-style sizes (binary units, one decimal above bytes), with the language's decimal
/// separator and word for bytes.
pub fn human_size(bytes: u64, decimal: char, bytes_word: &str) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        return format!("{bytes} {bytes_word}");
    }
    // In whole tenths, rounded half up (integer arithmetic: float formatting costs the first
    // screen 10 KB of code).
    let mut unit = 0;
    while unit < UNITS.len() - 1 && bytes >= 1u64 << (10 * (unit + 2)) {
        unit += 1;
    }
    let divisor = 1u128 << (10 * (unit + 1));
    let tenths = (u128::from(bytes) * 10 + divisor / 2) / divisor;
    // At most 16384.0 PB: the whole part fits a u64 (and u128 formatting is code of its own).
    let (whole, tenth) = ((tenths / 10) as u64, (tenths % 10) as u8);
    format!("{whole}{decimal}{tenth} {}", UNITS[unit])
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
        assert_eq!(human_size(1023, '.', "bytes"), "1023 bytes");
        assert_eq!(human_size(1024, '.', "bytes"), "1.0 KB");
        assert_eq!(human_size(1024 * 1024 - 1, '.', "bytes"), "1024.0 KB");
        assert_eq!(human_size(1024 * 1024, '.', "bytes"), "1.0 MB");
        assert_eq!(human_size(52_429_834, '.', "bytes"), "50.0 MB");
        assert_eq!(human_size(3 * (1 << 30) / 2, '.', "bytes"), "1.5 GB");
        assert_eq!(human_size(u64::MAX, '.', "bytes"), "16384.0 PB");
    }
}
