//! The participants of one call, by id.
//!
//! A participant notification (`/communications/calls/{id}/participants`)
//! lists participants: `created` and `updated` add or update each one
//! listed (the others stay: the service sends changes, not always the whole
//! roster), `deleted` removes each one listed. A listing of the roster
//! (`GET .../participants`) is the whole roster and replaces it. A
//! participant id that left is remembered and never comes back: a late
//! update for it is reported, not applied.

use std::collections::{BTreeMap, HashSet, VecDeque};

use graph_calls::{CommsNotification, Participant};

use crate::config::Config;
use crate::event::{Event, Limit, ParticipantChange};
use crate::key::Key;
use crate::merge::{from_object, overlay, to_object};

/// The participants of a call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    participants: BTreeMap<Key, Participant>,
    departed: HashSet<Key>,
    departed_order: VecDeque<(Key, Box<str>)>,
    kept_out: bool,
}

impl Roster {
    /// The participant `id`, if present.
    pub fn get(&self, id: &str) -> Option<&Participant> {
        self.participants.get(&Key::of(id))
    }

    /// The participants present, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Participant> {
        self.participants.values()
    }

    /// How many participants are present.
    pub fn len(&self) -> usize {
        self.participants.len()
    }

    /// Whether no participant is present.
    pub fn is_empty(&self) -> bool {
        self.participants.is_empty()
    }

    /// Whether participant `id` left (as far as remembered).
    pub fn has_left(&self, id: &str) -> bool {
        self.departed.contains(&Key::of(id))
    }

    /// How many departed ids are remembered.
    pub fn departed_len(&self) -> usize {
        self.departed.len()
    }

    /// Whether a participant was ever kept out by the participant limit
    /// (then the roster is not the whole roster).
    pub fn is_incomplete(&self) -> bool {
        self.kept_out
    }

    /// Adds or updates `participant` (whose id is `id`). `Err` gives back a
    /// participant kept out by the limit, or the merge error.
    pub(crate) fn upsert(
        &mut self,
        call_id: &str,
        id: &str,
        participant: Participant,
        config: &Config,
        events: &mut Vec<Event>,
    ) -> Result<(), Refused> {
        let key = Key::of(id);
        if self.departed.contains(&key) {
            events.push(Event::StaleParticipant {
                call_id: call_id.to_owned(),
                participant_id: id.to_owned(),
            });
            return Ok(());
        }
        let Some(known) = self.participants.get_mut(&key) else {
            return self.join(call_id, key, id, participant, config, events);
        };
        let changes = merge_participant(known, &participant).map_err(Refused::Merge)?;
        if !changes.is_empty() {
            events.push(Event::ParticipantChanged {
                call_id: call_id.to_owned(),
                participant_id: id.to_owned(),
                changes,
            });
        }
        Ok(())
    }

    /// Removes participant `id` and remembers that it left.
    pub(crate) fn remove(
        &mut self,
        call_id: &str,
        id: &str,
        config: &Config,
        events: &mut Vec<Event>,
    ) {
        let key = Key::of(id);
        if self.participants.remove(&key).is_some() {
            events.push(Event::ParticipantLeft {
                call_id: call_id.to_owned(),
                participant_id: id.to_owned(),
            });
        }
        self.remember_departed(call_id, key, id, config, events);
    }

    /// The ids present that `listed` does not name.
    pub(crate) fn absent_from(&self, listed: &HashSet<Key>) -> Vec<String> {
        self.participants
            .iter()
            .filter(|(key, _)| !listed.contains(key))
            .filter_map(|(_, p)| p.id.get().cloned())
            .collect()
    }

    fn join(
        &mut self,
        call_id: &str,
        key: Key,
        id: &str,
        participant: Participant,
        config: &Config,
        events: &mut Vec<Event>,
    ) -> Result<(), Refused> {
        if self.participants.len() >= config.max_participants_per_call {
            self.kept_out = true;
            return Err(Refused::Limit(Box::new(participant)));
        }
        self.participants.insert(key, participant);
        events.push(Event::ParticipantJoined {
            call_id: call_id.to_owned(),
            participant_id: id.to_owned(),
        });
        Ok(())
    }

    fn remember_departed(
        &mut self,
        call_id: &str,
        key: Key,
        id: &str,
        config: &Config,
        events: &mut Vec<Event>,
    ) {
        if self.departed.contains(&key) || config.max_departed_per_call == 0 {
            return;
        }
        if self.departed.len() >= config.max_departed_per_call {
            if let Some((oldest, oldest_id)) = self.departed_order.pop_front() {
                self.departed.remove(&oldest);
                events.push(Event::LimitReached {
                    call_id: call_id.to_owned(),
                    limit: Limit::DepartedParticipants,
                    notification: None,
                    dropped_id: Some(oldest_id.into()),
                });
            }
        }
        self.departed.insert(key.clone());
        self.departed_order.push_back((key, id.into()));
    }
}

/// Why a participant was not applied.
#[derive(Debug)]
pub(crate) enum Refused {
    /// The participant limit kept it out.
    Limit(Box<Participant>),
    /// The merged JSON does not read as a participant.
    Merge(String),
}

/// Merges `update` into `known`; the changes, by property.
fn merge_participant(
    known: &mut Participant,
    update: &Participant,
) -> Result<Vec<ParticipantChange>, String> {
    let mut object = to_object(known).map_err(|e| e.to_string())?;
    let changed = overlay(&mut object, to_object(update).map_err(|e| e.to_string())?);
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let merged: Participant = from_object(object).map_err(|e| e.to_string())?;
    *known = merged;
    Ok(changed.iter().map(|name| change(known, name)).collect())
}

fn change(participant: &Participant, property: &str) -> ParticipantChange {
    match property {
        "isMuted" => ParticipantChange::Muted(participant.is_muted.get().copied()),
        "isInLobby" => ParticipantChange::InLobby(participant.is_in_lobby.get().copied()),
        "mediaStreams" => ParticipantChange::MediaStreams,
        "info" => ParticipantChange::Info,
        "metadata" => ParticipantChange::Metadata,
        "recordingInfo" => ParticipantChange::RecordingInfo,
        other => ParticipantChange::Other(other.to_owned()),
    }
}

/// A notification of `template`'s kind carrying only `participants`.
pub(crate) fn notification_with(
    template: &CommsNotification,
    participants: Vec<Participant>,
) -> Box<CommsNotification> {
    let mut notification = template.clone();
    notification.resource_data = graph_calls::Field::Value(participants.into());
    Box::new(notification)
}
