//! Tests of float repr and the format-spec mini-language against CPython.
use super::*;
