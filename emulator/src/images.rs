//! Real generated images: seeded photos are procedural PNGs rendered at any size (so thumbnails
//! are true downscales of the same picture), and non-image files get an SVG type icon.

/// Renders the procedural picture number `seed` at `width`×`height` as a PNG.
pub fn photo_png(seed: u32, width: u32, height: u32) -> Vec<u8> {
    let (w, h) = (width.max(1), height.max(1));
    let palette = [
        [(30, 90, 160), (250, 200, 80)],
        [(20, 120, 80), (240, 240, 220)],
        [(160, 40, 60), (250, 220, 180)],
        [(70, 50, 130), (120, 220, 230)],
    ];
    let [(r0, g0, b0), (r1, g1, b1)] = palette[(seed % 4) as usize];
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            // Sky-to-ground gradient with a "sun" disc: recognisable at every scale.
            let t = y as f32 / h as f32;
            let (cx, cy, r) = (0.7 * w as f32, 0.3 * h as f32, 0.15 * w.min(h) as f32);
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            let mix = |a: u8, b: u8| (a as f32 * (1.0 - t) + b as f32 * t) as u8;
            if d < r {
                rgb.extend_from_slice(&[255, 230, 120]);
            } else if t > 0.65 + 0.05 * ((x as f32 / w as f32) * std::f32::consts::TAU).sin() {
                rgb.extend_from_slice(&[mix(r0, 20), mix(g0, 70), mix(b0, 30)]);
            } else {
                rgb.extend_from_slice(&[mix(r0, r1), mix(g0, g1), mix(b0, b1)]);
            }
        }
    }
    encode_png(w, h, &rgb)
}

/// Encodes 8-bit RGB pixels as a PNG (zlib with stored blocks: simple, valid, dependency-free).
pub fn encode_png(width: u32, height: u32, rgb: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(rgb.len() + height as usize);
    for row in rgb.chunks(width as usize * 3) {
        raw.push(0); // filter: none
        raw.extend_from_slice(row);
    }
    let mut z = vec![0x78, 0x01];
    let mut chunks = raw.chunks(65_535).peekable();
    while let Some(block) = chunks.next() {
        z.push(u8::from(chunks.peek().is_none()));
        let len = block.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    z.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &z);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + x as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// An SVG icon for a file of the given extension (or a folder), `size` pixels square.
pub fn icon_svg(ext: Option<&str>, size: u32) -> String {
    let (color, label) = match ext.map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("docx" | "doc") => ("#185ABD", "W"),
        Some("xlsx" | "xls" | "csv") => ("#107C41", "X"),
        Some("pptx" | "ppt") => ("#C43E1C", "P"),
        Some("pdf") => ("#D13438", "PDF"),
        Some("mp4" | "mov") => ("#5C2E91", "▶"),
        Some("txt" | "md") => ("#605E5C", "TXT"),
        None => ("#C19C00", "▤"),
        _ => ("#8A8886", "FILE"),
    };
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 96 96"><rect x="14" y="6" width="68" height="84" rx="6" fill="#fff" stroke="{color}" stroke-width="4"/><rect x="14" y="54" width="68" height="30" fill="{color}"/><text x="48" y="76" font-family="Segoe UI,Arial,sans-serif" font-size="18" font-weight="700" fill="#fff" text-anchor="middle">{label}</text></svg>"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_has_signature_and_correct_crc() {
        let png = photo_png(1, 4, 3);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let crc = u32::from_be_bytes(png[29..33].try_into().unwrap());
        assert_eq!(crc, crc32(&png[12..29]));
        // CRC-32 check value from the PNG specification's reference implementation.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn icons_differ_by_type() {
        assert!(icon_svg(Some("docx"), 96).contains("#185ABD"));
        assert!(icon_svg(Some("XLSX"), 96).contains("#107C41"));
    }
}
