//! Real generated images: seeded photos are procedural PNGs rendered at any size (so thumbnails
//! are true downscales of the same picture), and other files a raster preview of a page (as the
//! service renders documents' thumbnails: raster images, never SVG), coloured by type.

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
    let rows: Vec<&[u8]> = rgb.chunks(width as usize * 3).collect();
    encode(width, height, (8, 2), None, &rows)
}

/// A PNG of `rows` (packed scanlines) with the given (bit depth, colour type) and palette.
fn encode(
    width: u32,
    height: u32,
    (depth, kind): (u8, u8),
    palette: Option<&[u8]>,
    rows: &[&[u8]],
) -> Vec<u8> {
    let mut raw = Vec::with_capacity(rows.iter().map(|r| r.len() + 1).sum());
    for row in rows {
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
    ihdr.extend_from_slice(&[depth, kind, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    if let Some(palette) = palette {
        chunk(&mut png, b"PLTE", palette);
    }
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

/// A thumbnail of a file that is not a picture, `width`×`height`: a page with a band in the
/// colour of its type and lines of text; a PNG of 2-bit palette pixels (96 px: 2.4 KB).
pub fn page_png(ext: Option<&str>, width: u32, height: u32) -> Vec<u8> {
    let (w, h) = (width.max(1), height.max(1));
    let band = match ext.map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("docx" | "doc") => [0x18, 0x5A, 0xBD],
        Some("xlsx" | "xls" | "csv") => [0x10, 0x7C, 0x41],
        Some("pptx" | "ppt") => [0xC4, 0x3E, 0x1C],
        Some("pdf") => [0xD1, 0x34, 0x38],
        Some("mp4" | "mov") => [0x5C, 0x2E, 0x91],
        Some("txt" | "md") => [0x60, 0x5E, 0x5C],
        _ => [0x8A, 0x88, 0x86],
    };
    // 0 page, 1 the type's colour, 2 text, 3 edge.
    let palette = [
        [0xFF, 0xFF, 0xFF],
        band,
        [0xC8, 0xC6, 0xC4],
        [0xA1, 0x9F, 0x9D],
    ]
    .concat();
    let line = (h / 24).max(1);
    let pixel = |x: u32, y: u32| -> u8 {
        if x == 0 || y == 0 || x == w - 1 || y == h - 1 {
            3
        } else if y < h / 5 {
            1
        } else if x >= w / 8 && x < w - w / 8 && y >= h / 4 && (y - h / 4) % (3 * line) < line {
            2
        } else {
            0
        }
    };
    let rows: Vec<Vec<u8>> = (0..h)
        .map(|y| {
            let mut row = vec![0u8; w.div_ceil(4) as usize];
            for x in 0..w {
                row[(x / 4) as usize] |= pixel(x, y) << (6 - 2 * (x % 4));
            }
            row
        })
        .collect();
    let rows: Vec<&[u8]> = rows.iter().map(Vec::as_slice).collect();
    encode(w, h, (2, 3), Some(&palette), &rows)
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
    fn pages_are_small_palette_pngs_coloured_by_type() {
        let word = page_png(Some("docx"), 96, 96);
        assert_eq!(&word[12..16], b"IHDR");
        assert_eq!(&word[24..26], &[2, 3], "2-bit palette");
        assert_eq!(&word[37..41], b"PLTE");
        assert_eq!(&word[41 + 3..41 + 6], &[0x18, 0x5A, 0xBD]);
        assert_ne!(page_png(Some("XLSX"), 96, 96), word);
        assert!(word.len() < 3_000, "{}", word.len());
        // Odd sizes pack their last byte; the smallest is one pixel.
        assert_eq!(page_png(None, 7, 5).len(), page_png(None, 8, 5).len());
        assert!(page_png(None, 1, 1).starts_with(b"\x89PNG"));
    }
}
