//! Display formatting for listings (pure).

use crate::graph::model::ItemKind;

/// A size in binary units above a kilobyte: whole tenths of the unit (rounded half up) and the
/// unit (0 = KB … 4 = PB); `None` below a kilobyte. Integer arithmetic: float formatting would cost
/// the first screen 10 KB of code (the language writes the number, see `Messages::size`).
pub fn size_parts(bytes: u64) -> Option<(u64, usize)> {
    if bytes < 1024 {
        return None;
    }
    let mut unit = 0;
    while unit < 4 && bytes >= 1u64 << (10 * (unit + 2)) {
        unit += 1;
    }
    let divisor = 1u128 << (10 * (unit + 1));
    // At most 163,840 tenths of a PB: fits a u64.
    let tenths = (u128::from(bytes) * 10 + divisor / 2) / divisor;
    Some((tenths as u64, unit))
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
    fn sizes_round_to_tenths_of_their_unit() {
        assert_eq!(size_parts(0), None);
        assert_eq!(size_parts(1023), None);
        assert_eq!(size_parts(1024), Some((10, 0)));
        assert_eq!(size_parts(1536), Some((15, 0)));
        assert_eq!(size_parts(1024 * 1024 - 1), Some((10240, 0)));
        assert_eq!(size_parts(1024 * 1024), Some((10, 1)));
        assert_eq!(size_parts(52_429_834), Some((500, 1)));
        assert_eq!(size_parts(3 * (1 << 30) / 2), Some((15, 2)));
        assert_eq!(size_parts(u64::MAX), Some((163_840, 4)));
    }
}
