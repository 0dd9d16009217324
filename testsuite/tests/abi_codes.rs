//! Codes the frontend writes into `Runtime` statements equal the ABI's: the
//! frontend does not depend on `runtime-abi`, so it repeats them.

use frontend::lower::random;

#[test]
fn random_codes_match_the_abi() {
    let pairs = [
        ("RNG_LEGACY", random::RNG_LEGACY, runtime_abi::RNG_LEGACY),
        ("RANDOM_STANDARD_UNIFORM", random::RANDOM_STANDARD_UNIFORM, runtime_abi::RANDOM_STANDARD_UNIFORM),
        ("RANDOM_STANDARD_NORMAL", random::RANDOM_STANDARD_NORMAL, runtime_abi::RANDOM_STANDARD_NORMAL),
        ("RANDOM_UNIFORM", random::RANDOM_UNIFORM, runtime_abi::RANDOM_UNIFORM),
        ("RANDOM_NORMAL", random::RANDOM_NORMAL, runtime_abi::RANDOM_NORMAL),
        ("RANDOM_INTEGERS", random::RANDOM_INTEGERS, runtime_abi::RANDOM_INTEGERS),
        ("RANDOM_INTEGERS_CLOSED", random::RANDOM_INTEGERS_CLOSED, runtime_abi::RANDOM_INTEGERS_CLOSED),
    ];
    for (name, frontend, abi) in pairs {
        assert_eq!(frontend, abi, "{name}: the frontend writes {frontend}, the runtime expects {abi}");
    }
}

#[test]
fn dtype_codes_match_the_abi() {
    use ir::DType;
    let pairs = [
        (DType::Bool, runtime_abi::DTYPE_BOOL),
        (DType::I32, runtime_abi::DTYPE_I32),
        (DType::I64, runtime_abi::DTYPE_I64),
        (DType::F32, runtime_abi::DTYPE_F32),
        (DType::F64, runtime_abi::DTYPE_F64),
    ];
    for (dtype, abi) in pairs {
        assert_eq!(dtype.code(), abi, "{dtype:?}");
    }
}
