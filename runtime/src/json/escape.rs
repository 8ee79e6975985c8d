//! JSON string escaping with serde_json's exact output: `"` and `\` get a
//! backslash, the control characters below U+0020 get `\b`, `\t`, `\n`,
//! `\f`, `\r` or a lowercase `\u00XX`, and every other character is copied.

/// Eight copies of `byte`, one per byte of a word.
const fn repeat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

const ONES: u64 = repeat(0x01);
const HIGHS: u64 = repeat(0x80);

/// Whether a byte of `word` may need an escape. May answer `true` for a
/// clean word whose lower byte does need one (the subtraction's borrow), but
/// never `false` for a word that needs one: the caller then looks byte by
/// byte.
#[inline]
fn word_may_need_escape(word: u64) -> bool {
    let control = word.wrapping_sub(repeat(0x20)) & !word;
    let quote = word ^ repeat(b'"');
    let backslash = word ^ repeat(b'\\');
    let zero_quote = quote.wrapping_sub(ONES) & !quote;
    let zero_backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | zero_quote | zero_backslash) & HIGHS != 0
}

/// The escape of every byte: 0 for none, the letter after `\` for a
/// short escape, `u` for `\u00XX`.
static ESCAPES: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_escape(out: &mut Vec<u8>, byte: u8, escape: u8) {
    match escape {
        b'u' => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xF)],
        ]),
        letter => out.extend_from_slice(&[b'\\', letter]),
    }
}

/// Writes `text` as a JSON string, quotes included. A string with nothing
/// to escape (nearly all of them) costs a word-at-a-time scan and one copy.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    match may_need_escape(bytes) {
        false => out.extend_from_slice(bytes),
        true => write_escaped(out, bytes),
    }
    out.push(b'"');
}

/// Writes `text`, known to need no escaping, as a JSON string: quotes
/// around a copy, no scan.
#[inline]
pub(crate) fn write_plain(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// Whether `text` needs no escaping in a JSON string: no `"`, `\` or
/// control character.
pub(crate) const fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if ESCAPES[bytes[at] as usize] != 0 {
            return false;
        }
        at += 1;
    }
    true
}

/// Whether any byte of `bytes` may need an escape (see
/// [`word_may_need_escape`]); the last word is padded with spaces.
#[inline]
fn may_need_escape(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if word_may_need_escape(u64::from_ne_bytes(word)) {
            return true;
        }
    }
    let rest = chunks.remainder();
    let mut word = [b' '; 8];
    word[..rest.len()].copy_from_slice(rest);
    word_may_need_escape(u64::from_ne_bytes(word))
}

/// Writes `bytes` escaped, byte by byte, copying the runs between escapes.
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut copied = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPES[usize::from(byte)];
        if escape != 0 {
            out.extend_from_slice(&bytes[copied..at]);
            push_escape(out, byte, escape);
            copied = at + 1;
        }
    }
    out.extend_from_slice(&bytes[copied..]);
}
