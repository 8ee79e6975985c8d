//! How long finished things are kept and how much is kept at most.

use std::time::Duration;

/// Retention and limits of a [`CallStates`](crate::CallStates).
///
/// Every limit is enforced when something new would pass it, and reported
/// as [`Event::LimitReached`](crate::Event::LimitReached) with what was
/// kept out; nothing is left out silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// How long a terminated call stays readable before it is retired.
    pub terminated_call_grace: Duration,
    /// How long a completed or failed operation stays readable (and
    /// awaitable) before it is retired.
    pub finished_operation_grace: Duration,
    /// Calls kept at most, terminated ones included; also the number of
    /// retired call ids remembered (so that a late notification does not
    /// bring a retired call back).
    pub max_calls: usize,
    /// Participants kept at most per call.
    pub max_participants_per_call: usize,
    /// Ids of departed participants remembered at most per call (they keep
    /// a late update from bringing a participant back).
    pub max_departed_per_call: usize,
    /// Operations kept at most per call, finished ones included.
    pub max_operations_per_call: usize,
}

impl Default for Config {
    /// A minute for terminated calls, five for finished operations; 1,000
    /// calls, 2,500 participants (and as many departed ids) and 256
    /// operations per call.
    fn default() -> Self {
        Config {
            terminated_call_grace: Duration::from_secs(60),
            finished_operation_grace: Duration::from_secs(300),
            max_calls: 1_000,
            max_participants_per_call: 2_500,
            max_departed_per_call: 2_500,
            max_operations_per_call: 256,
        }
    }
}
