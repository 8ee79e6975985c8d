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

/// The escape of a byte: 0 for none, the letter after `\` for a short
/// escape, `u` for `\u00XX`.
const fn escape_of(byte: u8) -> u8 {
    match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        0x00..=0x1F => b'u',
        _ => 0,
    }
}

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

/// Writes `text` as a JSON string, quotes included.
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        at = skip_clean_words(bytes, at);
        let end = (at + 8).min(bytes.len());
        while at < end {
            let byte = bytes[at];
            let escape = escape_of(byte);
            if escape != 0 {
                out.extend_from_slice(&bytes[copied..at]);
                push_escape(out, byte, escape);
                copied = at + 1;
            }
            at += 1;
        }
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// The position of the first eight-byte word from `at` that may need an
/// escape, or of the last bytes (fewer than eight).
#[inline]
fn skip_clean_words(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if word_may_need_escape(u64::from_ne_bytes(word)) {
            break;
        }
        at += 8;
    }
    at
}
