//! Whole-process behaviour: `lt_print` output through the buffered stdout,
//! `lt_raise` and runtime errors (flush stdout, traceback on stderr, exit 1).
//! Each case re-runs this test binary as a child that calls the entry points.

use std::ffi::c_void;
use std::process::Command;

use runtime_abi::{
    DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64, ERR_ZERO_DIVISION, INDEX_SLICE, KIND_ARRAY, KIND_NONE, KIND_STR,
    LIB_MATMUL, SLICE_HAS_STEP,
};
use runtime_lib::*;

const CHILD: &str = "RUNTIME_LIB_PROCESS_CHILD";
const START: &str = "<<child>>\n";
const END: &str = "<</child>>\n";

fn string(text: &str) -> *mut c_void {
    unsafe { lt_str_new(text.as_ptr() as *mut c_void, text.len() as i64) }
}

fn print(kinds: &[i64], vals: &[u64], sep: *mut c_void, end: *mut c_void) {
    unsafe {
        lt_print(
            kinds.len() as i64,
            kinds.as_ptr() as *mut c_void,
            vals.as_ptr() as *mut c_void,
            sep,
            end,
        )
    };
}

/// Environment variable naming the file the `save_*` scenarios write.
const SAVE_PATH: &str = "RUNTIME_LIB_PROCESS_SAVE_PATH";

const RLIMIT_FSIZE: i32 = 1;
const RLIMIT_AS: i32 = 9;

extern "C" {
    fn setrlimit(resource: i32, limit: *const [u64; 2]) -> i32;
}

/// Limits a resource of this process (soft and hard limit).
fn limit(resource: i32, value: u64) {
    // SAFETY: `setrlimit` reads the two words.
    assert_eq!(unsafe { setrlimit(resource, &[value, value]) }, 0, "setrlimit");
}

/// The address space this process uses now, in bytes.
fn address_space() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("statm");
    statm.split_whitespace().next().and_then(|pages| pages.parse::<u64>().ok()).expect("pages") * 4096
}

/// A new 1-D float64 array of `n` zeros.
fn zeros(n: i64) -> *mut c_void {
    let shape = [n];
    unsafe { lt_array_new(DTYPE_F64, 1, shape.as_ptr() as *mut c_void) }
}

/// `a[::2]`.
fn every_other(a: *mut c_void) -> *mut c_void {
    let items = [INDEX_SLICE | SLICE_HAS_STEP, 0, 0, 2];
    unsafe { lt_array_view(a, 1, items.as_ptr() as *mut c_void) }
}

/// Runs the named child scenario and returns (status, stdout, stderr).
fn run_child(scenario: &str) -> (i32, String, String) {
    run_child_with(scenario, &[])
}

/// [`run_child`] with environment variables.
fn run_child_with(scenario: &str, env: &[(&str, &str)]) -> (i32, String, String) {
    let output = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env(CHILD, scenario)
        .envs(env.iter().copied())
        .output()
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    // The harness prints its own text around the child's output; keep what
    // follows the child's start marker, up to its end marker if any.
    let ours = stdout.split_once(START).map(|(_, rest)| rest).unwrap_or("");
    let ours = ours.split_once(END).map(|(before, _)| before).unwrap_or(ours);
    (output.status.code().unwrap_or(-1), ours.to_string(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The child side: does what the scenario says, then finalises.
#[test]
fn child() {
    let Ok(scenario) = std::env::var(CHILD) else { return };
    let args = [c"prog".as_ptr(), c"-n".as_ptr(), c"5".as_ptr()];
    unsafe { lt_init(3, args.as_ptr() as *mut c_void) };
    print(&[KIND_STR], &[string("<<child>>") as u64], std::ptr::null_mut(), std::ptr::null_mut());
    match scenario.as_str() {
        "print" => {
            let shape = [2i64, 3];
            let a = unsafe { lt_array_new(DTYPE_I64, 2, shape.as_ptr() as *mut c_void) };
            let kinds = [DTYPE_I64, DTYPE_F64, DTYPE_F32, DTYPE_BOOL, DTYPE_I32, KIND_STR, KIND_NONE, KIND_ARRAY];
            let vals = [
                42u64,
                0.1f64.to_bits(),
                (1.0f32 / 3.0).to_bits() as u64,
                1,
                (-7i32) as u32 as u64,
                string("text") as u64,
                0,
                a as u64,
            ];
            print(&kinds, &vals, std::ptr::null_mut(), std::ptr::null_mut());
            print(&[DTYPE_F64, DTYPE_F64], &[1e16f64.to_bits(), 1e-5f64.to_bits()], string(", "), string("!\n"));
            let formatted = unsafe { lt_str_format(DTYPE_F64, 1.23456f64.to_bits(), string(".2f")) };
            let joined = unsafe { lt_str_concat(string("x="), formatted) };
            print(&[KIND_STR], &[joined as u64], std::ptr::null_mut(), std::ptr::null_mut());
            print(&[KIND_STR], &[string(&argparse::program_arguments().join(" ")) as u64], std::ptr::null_mut(), std::ptr::null_mut());
            print(&[KIND_STR], &[string("<</child>>") as u64], std::ptr::null_mut(), std::ptr::null_mut());
            unsafe { lt_finalize() };
        }
        "raise" => {
            print(&[KIND_STR], &[string("before") as u64], std::ptr::null_mut(), std::ptr::null_mut());
            unsafe { lt_raise(ERR_ZERO_DIVISION, string("division by zero")) };
        }
        "index" => {
            print(&[KIND_STR], &[string("partial") as u64], std::ptr::null_mut(), std::ptr::null_mut());
            let shape = [5i64];
            let a = unsafe { lt_array_new(DTYPE_F64, 1, shape.as_ptr() as *mut c_void) };
            let index = [5i64];
            unsafe { lt_array_get(a, 1, index.as_ptr() as *mut c_void) };
        }
        "exit" => {
            print(&[KIND_STR], &[string("flushed at exit") as u64], std::ptr::null_mut(), std::ptr::null_mut());
            std::process::exit(3);
        }
        "save_killed" => {
            // The kernel kills this process (SIGXFSZ) once 1 MiB of the 16 MiB file is written.
            let a = zeros(2 << 20);
            limit(RLIMIT_FSIZE, 1 << 20);
            let path = std::env::var(SAVE_PATH).expect("save path");
            unsafe { lt_npy_save(string(&path), a) };
        }
        "memory_matmul" => {
            // The outer product of a column and a row (128 MiB) where only 64 MiB are left.
            print(&[KIND_STR], &[string("before") as u64], std::ptr::null_mut(), std::ptr::null_mut());
            let (column, row) = ([4096i64, 1], [1i64, 4096]);
            let a = unsafe { lt_array_new(DTYPE_F64, 2, column.as_ptr() as *mut c_void) };
            let b = unsafe { lt_array_new(DTYPE_F64, 2, row.as_ptr() as *mut c_void) };
            limit(RLIMIT_AS, address_space() + (64 << 20));
            let args = [a, b];
            unsafe { lt_library(LIB_MATMUL, 0, 2, args.as_ptr() as *mut c_void) };
        }
        "memory_sort" => {
            // np.sort of a strided view: its result (128 MiB) cannot be had.
            let a = every_other(zeros(32 << 20));
            limit(RLIMIT_AS, address_space() + (64 << 20));
            unsafe { lt_sort(a, 0) };
        }
        "memory_argsort" => {
            // The result fits; the (value, position) pairs of the lane (256 MiB) do not.
            let a = zeros(16 << 20);
            limit(RLIMIT_AS, address_space() + (192 << 20));
            unsafe { lt_argsort(a, 0) };
        }
        "memory_anywhere" => {
            // Any other allocation that fails ends the program as Python's MemoryError.
            print(&[KIND_STR], &[string("before") as u64], std::ptr::null_mut(), std::ptr::null_mut());
            limit(RLIMIT_AS, address_space() + (64 << 20));
            let mut big: Vec<u8> = Vec::with_capacity(std::hint::black_box(1 << 30));
            big.push(1);
            std::hint::black_box(&big);
            print(&[KIND_STR], &[string(&format!("not reached {}", big.capacity())) as u64], std::ptr::null_mut(), std::ptr::null_mut());
        }
        other => panic!("unknown scenario {other}"),
    }
}

#[test]
fn print_writes_python_str_of_each_value() {
    let (status, stdout, _) = run_child("print");
    assert_eq!(status, 0);
    assert_eq!(
        stdout,
        "42 0.1 0.33333334 True -7 text None [[0 0 0]\n [0 0 0]]\n1e+16, 1e-05!\nx=1.23\nprog -n 5\n"
    );
}

#[test]
fn raise_flushes_stdout_and_prints_a_traceback() {
    let (status, stdout, stderr) = run_child("raise");
    assert_eq!((status, stdout.as_str()), (1, "before\n"));
    assert_eq!(stderr, "Traceback (most recent call last):\n  (compiled code)\nZeroDivisionError: division by zero\n");
}

#[test]
fn runtime_errors_take_the_same_path() {
    let (status, stdout, stderr) = run_child("index");
    assert_eq!((status, stdout.as_str()), (1, "partial\n"));
    assert!(stderr.ends_with("\nIndexError: index 5 is out of bounds for axis 0 with size 5\n"), "{stderr}");
}

#[test]
fn exiting_without_finalize_still_flushes() {
    let (status, stdout, _) = run_child("exit");
    assert_eq!((status, stdout.as_str()), (3, "flushed at exit\n"));
}

#[test]
fn a_save_killed_midway_leaves_the_old_file() {
    let dir = std::env::temp_dir().join(format!("legatec-process-save-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("directory");
    let path = dir.join("data.npy");
    std::fs::write(&path, b"the old file").expect("old file");
    let (status, _, _) = run_child_with("save_killed", &[(SAVE_PATH, path.to_str().expect("utf-8"))]);
    assert_eq!(status, -1, "the child is killed by SIGXFSZ");
    let contents = std::fs::read(&path).expect("read");
    assert!(contents == b"the old file", "a torn file of {} bytes was left", contents.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The last line of a child's stderr.
fn last_line(stderr: &str) -> &str {
    stderr.trim_end().lines().last().unwrap_or("")
}

#[test]
fn temporaries_that_cannot_be_allocated_raise_memory_error() {
    let (status, stdout, stderr) = run_child("memory_matmul");
    assert_eq!((status, stdout.as_str()), (1, "before\n"), "{stderr}");
    assert_eq!(
        last_line(&stderr),
        "numpy._core._exceptions._ArrayMemoryError: Unable to allocate 128. MiB for an array with shape (4096, 4096) and data type float64"
    );
    let (status, _, stderr) = run_child("memory_sort");
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(
        last_line(&stderr),
        "numpy._core._exceptions._ArrayMemoryError: Unable to allocate 128. MiB for an array with shape (16777216,) and data type float64"
    );
    let (status, _, stderr) = run_child("memory_argsort");
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(
        last_line(&stderr),
        "numpy._core._exceptions._ArrayMemoryError: Unable to allocate 256. MiB for an array with shape (16777216,) and data type float64"
    );
}

#[test]
fn any_failed_allocation_is_memory_error_not_abort() {
    let (status, stdout, stderr) = run_child("memory_anywhere");
    assert_eq!((status, stdout.as_str()), (1, "before\n"), "{stderr}");
    assert_eq!(stderr, "Traceback (most recent call last):\n  (compiled code)\nMemoryError\n");
}
