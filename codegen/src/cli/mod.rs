//! One module per subcommand: argument definitions and reporting only; the
//! work is done by the library.

pub mod check;
pub mod diagram;
pub mod diff;
pub mod extract;
pub mod generate;
pub mod update;
