//! Files written so that a crash leaves the old content or the new, never a truncated file
//! (the signing key, and `--persist` mirrors).

use std::io::Write;
use std::path::Path;

/// Prefix of temporary files; `~` names are refused by OneDrive, so no item can collide.
pub const TEMP_PREFIX: &str = "~tmp-";

/// Writes `data` to `path` atomically: a temporary file beside it, fsync, rename, fsync of the
/// directory. `private` makes the file readable by its owner only.
pub fn write_atomic(path: &Path, data: &[u8], private: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent"))?;
    let temp = dir.join(format!("{TEMP_PREFIX}{}", crate::util::random_token(9)));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let result = options.open(&temp).and_then(|mut f| {
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&temp, path)?;
        // The rename itself is durable once the directory is.
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .or(Ok(()))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
