//! The order of a call's states, which decides whether a late notification
//! may still move a call.
//!
//! The service gives notifications no sequence number, and delivers them
//! late, twice, or out of order. [`CallPhase`] groups the documented
//! [`CallState`] values into phases that only go forward:
//!
//! | phase | states |
//! |---|---|
//! | `Offered` | `incoming` |
//! | `Connecting` | `establishing`, `ringing`, `redirecting` |
//! | `Connected` | `established`, `hold`, `transferring`, `transferAccepted` |
//! | `Ending` | `terminating` |
//! | `Ended` | `terminated` |
//!
//! Within a phase the service moves both ways (a failed transfer goes from
//! `transferring` back to `established`), so there the latest delivery
//! wins. A value this version of the schema does not list has no phase: it
//! never moves a call to another phase (see the crate docs).

use graph_calls::CallState;

/// A stage of a call's life; later phases never give way to earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CallPhase {
    /// `incoming`: offered to the bot, not answered yet.
    Offered,
    /// `establishing`, `ringing`, `redirecting`.
    Connecting,
    /// `established`, `hold`, `transferring`, `transferAccepted`.
    Connected,
    /// `terminating`.
    Ending,
    /// `terminated` (or the call's resource deleted): nothing moves it again.
    Ended,
}

impl CallPhase {
    /// The phase of a documented state; `None` for a value the schema does
    /// not list.
    pub fn of(state: &CallState) -> Option<CallPhase> {
        let phase = match state {
            CallState::Incoming => CallPhase::Offered,
            CallState::Establishing | CallState::Ringing | CallState::Redirecting => {
                CallPhase::Connecting
            }
            CallState::Established
            | CallState::Hold
            | CallState::Transferring
            | CallState::TransferAccepted => CallPhase::Connected,
            CallState::Terminating => CallPhase::Ending,
            CallState::Terminated => CallPhase::Ended,
            _ => return None,
        };
        Some(phase)
    }

    /// The rank used for merging properties (higher wins).
    pub(crate) fn rank(self) -> u8 {
        self as u8
    }
}

#[cfg(test)]
mod tests {
    use super::CallPhase;
    use graph_calls::CallState;

    #[test]
    fn phases_go_forward_and_unknown_values_have_none() {
        let order = [
            CallState::Incoming,
            CallState::Establishing,
            CallState::Established,
            CallState::Terminating,
            CallState::Terminated,
        ];
        let phases: Vec<_> = order.iter().filter_map(CallPhase::of).collect();
        assert!(phases.windows(2).all(|w| w[0] < w[1]), "{phases:?}");
        assert_eq!(
            CallPhase::of(&CallState::Transferring),
            CallPhase::of(&CallState::Established)
        );
        assert_eq!(CallPhase::of(&CallState::from_wire("parked")), None);
    }
}
