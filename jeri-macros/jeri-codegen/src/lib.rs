//! The pipeline behind jeri-macros.
pub mod model;
