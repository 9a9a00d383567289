//! What the server derives from a file's name and bytes.

/// MIME type from a file name, as the server decides it.
pub fn mime_for(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "ppt" => "application/vnd.ms-powerpoint",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "mp4" => "video/mp4",
        "txt" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "json" => "application/json",
        "html" | "htm" => "text/html",
        _ => "application/octet-stream",
    }
}

/// Which Office for the web app opens a file, by extension.
pub fn office_app(ext: &str) -> Option<&'static str> {
    match ext {
        "docx" | "doc" | "docm" | "odt" | "rtf" => Some("Word"),
        "xlsx" | "xls" | "xlsm" | "ods" | "csv" => Some("Excel"),
        "pptx" | "ppt" | "pptm" | "odp" => Some("PowerPoint"),
        _ => None,
    }
}

/// The QuickXorHash of `data` (OneDrive's content hash), base64.
pub fn quick_xor_hash(data: &[u8]) -> String {
    const WIDTH: usize = 160;
    const SHIFT: usize = 11;
    let mut cells = [0u8; 20];
    for (i, &b) in data.iter().enumerate() {
        let start = (i * SHIFT) % WIDTH;
        for k in 0..8 {
            if b & (1 << k) != 0 {
                let bit = (start + k) % WIDTH;
                cells[bit / 8] ^= 1 << (bit % 8);
            }
        }
    }
    let len = (data.len() as u64).to_le_bytes();
    for (i, l) in len.iter().enumerate() {
        cells[12 + i] ^= l;
    }
    crate::util::b64(cells)
}
