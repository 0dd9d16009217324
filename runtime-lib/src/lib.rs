//! runtime-lib
