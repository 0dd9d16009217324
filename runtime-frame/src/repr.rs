//! pandas' text for frames and series (to be written).
