//! Files written whole: what a directory holds after a write that succeeded,
//! one that failed midway, and the errors Python's `open` gives.

use std::os::unix::fs::PermissionsExt;

use super::*;
use runtime_core::errors::ErrorKind;

/// A fresh empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("legatec-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).expect("listing").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_write_replaces_the_file_and_leaves_nothing_else() {
    let dir = scratch("replace");
    let path = dir.join("out.bin");
    let path = path.to_str().expect("utf-8");
    write_whole(path, |out| out.write_all(b"first")).expect("written");
    assert_eq!(std::fs::read(path).expect("read"), b"first");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    write_whole(path, |out| out.write_all(b"second, longer")).expect("written");
    assert_eq!(std::fs::read(path).expect("read"), b"second, longer");
    assert_eq!(std::fs::metadata(path).expect("meta").permissions().mode() & 0o777, 0o640);
    assert_eq!(listing(&dir), ["out.bin"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_write_that_fails_midway_leaves_the_old_file() {
    let dir = scratch("midway");
    let path = dir.join("out.bin");
    let path = path.to_str().expect("utf-8");
    std::fs::write(path, b"old contents").expect("old file");
    let result = write_whole(path, |out| {
        out.write_all(&[7u8; 3 << 20])?;
        Err(std::io::Error::other("disk full"))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read(path).expect("read"), b"old contents");
    assert_eq!(listing(&dir), ["out.bin"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn errors_name_the_target_as_open_does() {
    let dir = scratch("errors");
    let missing = dir.join("no_such_dir").join("x.npy");
    let missing = missing.to_str().expect("utf-8");
    let error = write_whole(missing, |out| out.write_all(b"x")).expect_err("no directory");
    assert_eq!(error.kind, ErrorKind::FileNotFound);
    assert_eq!(error.message, format!("[Errno 2] No such file or directory: '{missing}'"));
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).expect("sub");
    let sub = sub.to_str().expect("utf-8");
    let error = write_whole(sub, |out| out.write_all(b"x")).expect_err("a directory");
    assert_eq!(error.kind, ErrorKind::IsADirectory);
    assert_eq!(error.message, format!("[Errno 21] Is a directory: '{sub}'"));
    assert_eq!(listing(&dir), ["sub"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_symbolic_link_is_written_through() {
    let dir = scratch("link");
    let real = dir.join("real.bin");
    std::fs::write(&real, b"old").expect("old file");
    let link = dir.join("link.bin");
    std::os::unix::fs::symlink("real.bin", &link).expect("link");
    write_whole(link.to_str().expect("utf-8"), |out| out.write_all(b"new")).expect("written");
    assert!(std::fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
    assert_eq!(std::fs::read(&real).expect("read"), b"new");
    assert_eq!(listing(&dir), ["link.bin", "real.bin"]);
    let _ = std::fs::remove_dir_all(&dir);
}
