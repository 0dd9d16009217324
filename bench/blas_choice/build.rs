fn main() {
    let dir = std::env::var("OPENBLAS_DIR").unwrap();
    println!("cargo:rustc-link-search=native={dir}");
    println!("cargo:rustc-link-lib=static=openblas");
}
