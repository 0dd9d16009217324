//! `.npy` files: what a compiled program's `np.save` writes is byte for byte what
//! NumPy's `np.save` writes for the same data (and NumPy loads it back); `np.load`
//! takes its compile-time type from an existing file, and checks the file's header
//! at run time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use testsuite::process::{find_legatec, python};

/// Saves one file per dtype, rank and layout NumPy distinguishes in a header.
const SAVING_PROGRAM: &str = r#"
import numpy as np

grid = np.zeros((3, 4))
grid += 0.25
grid[1] = np.array([1.0, -2.0, 3.5, 1e300])
np.save("f64_2d.npy", grid)
np.save("f64_1d", np.linspace(-1.0, 1.0, 7))
np.save("f64_0d.npy", np.ones(1)[0] * 2.5)
np.save("f64_3d.npy", np.zeros((2, 3, 4)) + 1.5)
np.save("f32_1d.npy", np.array([0.1, 0.2, 0.7], dtype=np.float32))
np.save("f32_2d.npy", np.ones((2, 2), dtype=np.float32) * 3)
np.save("i64_1d.npy", np.arange(-3, 3))
np.save("i64_2d.npy", np.zeros((4, 3), dtype=np.int64) + 7)
np.save("i32_2d.npy", np.array([[1, -2], [300000, 4]], dtype=np.int32))
np.save("i32_0d.npy", np.int32(-5) + np.zeros(1, dtype=np.int32)[0])
np.save("b1_1d.npy", np.arange(7) % 3 == 0)
np.save("b1_2d.npy", np.ones((2, 3)) > 0.5)
np.save("view_strided.npy", grid[::2, ::-1])
np.save("view_column.npy", grid[:, 1])
np.save("view_row.npy", grid[1])
np.save("view_newaxis.npy", grid[:, 2][:, None])
np.save("empty_1d.npy", np.zeros(0))
np.save("empty_2d.npy", np.zeros((2, 0), dtype=np.int32))
np.save("long_axis.npy", np.zeros(1234567, dtype=np.bool_))
np.save("python_float.npy", 0.5)
np.save("list.npy", [[1, 2, 3], [4, 5, 6]])
np.save("transposed.npy", grid.T)
np.save("transposed_3d.npy", np.arange(24).reshape(2, 3, 4).transpose(2, 0, 1))
np.save("c128_2d.npy", grid + 1j * grid[::-1])
np.save("c128_view.npy", (grid * (1 - 2j))[:, ::-2])
np.save("c64_1d.npy", np.array([1 + 2j, -0.5j, 3], dtype=np.complex64))
np.save("reshaped.npy", np.arange(6.0).reshape(3, 2)[::-1].T)
"#;

fn legatec() -> PathBuf {
    find_legatec().unwrap_or_else(|e| panic!("{e}"))
}

fn compile(source: &str, dir: &Path) -> PathBuf {
    let script = dir.join("program.py");
    std::fs::write(&script, source).unwrap();
    let binary = dir.join("program");
    let out = Command::new(legatec()).arg(&script).arg("-o").arg(&binary).current_dir(dir).env("NO_COLOR", "1").output().unwrap();
    assert!(out.status.success(), "legatec failed:\n{}", String::from_utf8_lossy(&out.stderr));
    binary
}

fn run_in(command: &mut Command, dir: &Path) -> Output {
    command.current_dir(dir).output().expect("the program runs")
}

fn npy_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".npy"))
        .collect();
    names.sort();
    names
}

#[test]
fn saved_files_are_byte_identical_to_numpys() {
    let ours = tempfile::tempdir().unwrap();
    let numpys = tempfile::tempdir().unwrap();
    let binary = compile(SAVING_PROGRAM, ours.path());
    let run = run_in(&mut Command::new(&binary), ours.path());
    assert!(run.status.success(), "the compiled program failed:\n{}", String::from_utf8_lossy(&run.stderr));
    let script = numpys.path().join("program.py");
    std::fs::write(&script, SAVING_PROGRAM).unwrap();
    let reference = run_in(Command::new(python()).arg(&script), numpys.path());
    assert!(reference.status.success(), "python3 failed:\n{}", String::from_utf8_lossy(&reference.stderr));

    let names = npy_files(numpys.path());
    assert_eq!(names.len(), 27, "NumPy wrote {names:?}");
    assert_eq!(npy_files(ours.path()), names, "the compiled program wrote other files");
    let mut differing = Vec::new();
    for name in &names {
        let expected = std::fs::read(numpys.path().join(name)).unwrap();
        let actual = std::fs::read(ours.path().join(name)).unwrap();
        if expected != actual {
            let header = |bytes: &[u8]| String::from_utf8_lossy(&bytes[..bytes.len().min(128)]).into_owned();
            differing.push(format!("{name}:\n  numpy:   {:?}\n  legatec: {:?}", header(&expected), header(&actual)));
        }
    }
    assert!(differing.is_empty(), "files differ from NumPy's:\n{}", differing.join("\n"));

    // NumPy loads every file the compiled program wrote, equal to its own.
    let check = format!(
        "import numpy as np, sys\nfor name in {names:?}:\n    a = np.load(sys.argv[1] + '/' + name)\n    b = np.load(sys.argv[2] + '/' + name)\n    assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b), name\nprint('ok')\n"
    );
    let loaded = Command::new(python()).arg("-c").arg(&check).arg(ours.path()).arg(numpys.path()).output().unwrap();
    assert!(loaded.status.success(), "NumPy could not load the files:\n{}", String::from_utf8_lossy(&loaded.stderr));
    assert_eq!(String::from_utf8_lossy(&loaded.stdout).trim(), "ok");
}

#[test]
fn load_takes_its_type_from_an_existing_file_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let make = "import numpy as np\nnp.save('data.npy', np.arange(6, dtype=np.float32).reshape(2, 3) / 4)\nnp.save('big.npy', np.arange(4, dtype='>i8'))\nnp.save('fortran.npy', np.asfortranarray(np.arange(6.0).reshape(2, 3)))\nnp.save('bigc.npy', (np.arange(3) + 0.5j * np.arange(3)[::-1]).astype('>c16'))\nnp.save('fortranc.npy', np.asfortranarray((np.arange(6.0) - 1j).astype(np.complex64).reshape(2, 3)))\n";
    let made = run_in(Command::new(python()).arg("-c").arg(make), dir.path());
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let program = "import numpy as np\nd = np.load('data.npy')\nprint(d, d.dtype)\nprint(np.load('big.npy') * 2)\nf = np.load('fortran.npy')\nprint(f, f[1, 0])\nnp.save('copy.npy', f)\nprint(np.load('bigc.npy') * 2, np.load('fortranc.npy'))\n";
    let binary = compile(program, dir.path());
    let run = run_in(&mut Command::new(&binary), dir.path());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let expected = run_in(Command::new(python()).arg("-c").arg(program), dir.path());
    assert_eq!(String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&expected.stdout));

    // The compiled program resolves the path at run time: elsewhere the file is missing.
    let elsewhere = tempfile::tempdir().unwrap();
    let missing = run_in(&mut Command::new(&binary), elsewhere.path());
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.ends_with("FileNotFoundError: [Errno 2] No such file or directory: 'data.npy'\n"), "{stderr}");
}

#[test]
fn load_checks_the_header_at_run_time() {
    let dir = tempfile::tempdir().unwrap();
    // The load is compiled for the latest save before it (int64); at run time the
    // branch is not taken, so the file holds float64.
    let program = "import numpy as np\nn = 3\nnp.save('m.npy', np.arange(3.0))\nif n > 100:\n    np.save('m.npy', np.arange(3))\nx = np.load('m.npy')\nprint(x)\n";
    let binary = compile(program, dir.path());
    let run = run_in(&mut Command::new(&binary), dir.path());
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.ends_with("ValueError: np.load('m.npy'): the program was compiled for a 1-D int64 array but the file holds a 1-D float64 array of shape (3,)\n"),
        "{stderr}"
    );
}
