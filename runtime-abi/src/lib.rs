//! runtime-abi
