//! Tests of array printing against NumPy 2.
use super::*;
