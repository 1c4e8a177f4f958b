//! A borrowed scanner for the plain JSON most tokens carry, for bulk verification. It
//! accepts a strict SUBSET of what `parse_strict` accepts — an object whose member names
//! have no escapes, integers that fit an i64, fractions without exponents, strings without
//! `\u` surrogates, at most 32 members per object and 16 levels of nesting — and answers
//! `None` for everything else, so the caller falls back to the full strict parser (which
//! gives the error, if there is one). Duplicate member names are refused at every depth,
//! as `parse_strict` does. No allocation: values borrow from the input.

/// Most members per object, and most levels of nesting, the scanner takes on.
const MAX_MEMBERS: usize = 32;
const MAX_DEPTH: usize = 16;

/// A top-level member's value, as far as verification needs to know it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Val<'a> {
    /// A string without escapes (its text).
    Str(&'a str),
    /// A string with escapes: valid, but its text is not at hand.
    EscStr,
    /// An integer that fits an i64.
    Int(i64),
    /// An array: its raw text, to scan again with [`elements`].
    Arr(&'a str),
    /// Anything else (a fraction, an object, true, false, null), validated.
    Other,
}

/// The members of a top-level object in input order (for the tests; code visits).
#[cfg(test)]
pub(crate) struct Members<'a> {
    pub(crate) items: [(&'a str, Val<'a>); MAX_MEMBERS],
    pub(crate) len: usize,
}

#[cfg(test)]
impl<'a> Members<'a> {
    /// The value of member `name`.
    pub(crate) fn get(&self, name: &str) -> Option<Val<'a>> {
        self.items[..self.len]
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
    }

    /// The member names, in input order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.items[..self.len].iter().map(|(k, _)| *k)
    }
}

/// Bytes that end a run of plain string text: `"`, `\\`, controls and non-ASCII.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i < 0x20 || i >= 0x80 || i == b'"' as usize || i == b'\\' as usize;
        i += 1;
    }
    t
};

/// The input is UTF-8-checked once, as a whole: every slice the scanner takes starts and
/// ends at ASCII punctuation, so it is a `str` without a check per string.
struct Scan<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.b.get(self.i) == Some(&c)).then(|| self.i += 1)
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    /// A string after its opening quote: `(text, had_escapes)`. Runs of plain ASCII are
    /// skipped by table.
    fn string(&mut self) -> Option<(&'a str, bool)> {
        let start = self.i;
        let mut esc = false;
        loop {
            while !SPECIAL[usize::from(*self.b.get(self.i)?)] {
                self.i += 1;
            }
            let c = self.b[self.i];
            self.i += 1;
            match c {
                b'"' => break,
                0..=0x1f => return None,
                b'\\' => {
                    esc = true;
                    match *self.b.get(self.i)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 1,
                        b'u' => {
                            let hex = self.b.get(self.i + 1..self.i + 5)?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            let u = u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                            // Surrogates (paired or not) are left to the full parser.
                            if (0xd800..0xe000).contains(&u) {
                                return None;
                            }
                            self.i += 5;
                        }
                        _ => return None,
                    }
                }
                // Non-ASCII: UTF-8 already checked with the whole input.
                _ => {}
            }
        }
        Some((self.s.get(start..self.i - 1)?, esc))
    }

    /// A number: `Some(Some(i))` for an integer that fits an i64, `Some(None)` for a plain
    /// fraction; exponents, leading zeros and long numbers are left to the full parser.
    fn number(&mut self) -> Option<Option<i64>> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let digits = self.digits();
        let int_end = self.i;
        let first = *self.b.get(int_end - digits)?;
        if digits == 0 || (first == b'0' && digits > 1) || digits > 18 {
            return None;
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 || self.i - start > 40 {
                return None;
            }
            return match self.b.get(self.i) {
                Some(b'e' | b'E') => None,
                _ => Some(None),
            };
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            return None;
        }
        // At most 18 digits: no overflow.
        let magnitude = self.b[int_end - digits..int_end]
            .iter()
            .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        Some(Some(if int_end - digits > start {
            -magnitude
        } else {
            magnitude
        }))
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        (self.b.get(self.i..self.i + word.len())? == word).then(|| self.i += word.len())
    }

    /// Any value; `depth` counts the containers around it.
    fn value(&mut self, depth: usize) -> Option<Val<'a>> {
        match self.peek()? {
            b'"' => {
                self.i += 1;
                let (s, esc) = self.string()?;
                Some(if esc { Val::EscStr } else { Val::Str(s) })
            }
            b'{' => {
                self.members(depth + 1, |_, _| Some(()))?;
                Some(Val::Other)
            }
            b'[' => {
                let start = self.i;
                self.array(depth + 1, |_| Some(()))?;
                Some(Val::Arr(self.s.get(start..self.i)?))
            }
            b't' => self.literal(b"true").map(|_| Val::Other),
            b'f' => self.literal(b"false").map(|_| Val::Other),
            b'n' => self.literal(b"null").map(|_| Val::Other),
            b'-' | b'0'..=b'9' => Some(match self.number()? {
                Some(i) => Val::Int(i),
                None => Val::Other,
            }),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize, mut each: impl FnMut(Val<'a>) -> Option<()>) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.eat(b'[')?;
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            each(self.value(depth)?)?;
            if self.eat(b']').is_some() {
                return Some(());
            }
            self.eat(b',')?;
        }
    }

    /// An object's members; names must be unescaped and distinct.
    fn members(
        &mut self,
        depth: usize,
        mut each: impl FnMut(&'a str, Val<'a>) -> Option<()>,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        let mut names: [&str; MAX_MEMBERS] = [""; MAX_MEMBERS];
        let mut n = 0;
        loop {
            self.eat(b'"')?;
            let (name, esc) = self.string()?;
            if esc || n == MAX_MEMBERS || names[..n].iter().any(|k| same(k, name)) {
                return None;
            }
            names[n] = name;
            n += 1;
            self.eat(b':')?;
            each(name, self.value(depth)?)?;
            if self.eat(b'}').is_some() {
                return Some(());
            }
            self.eat(b',')?;
        }
    }
}

/// Name equality, cheap for the usual case of names that differ in length or first byte.
fn same(a: &str, b: &str) -> bool {
    // A byte loop, not `==`: for names this short the memcmp call was the cost.
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// Scan a whole document that must be one object, calling `each` with every top-level
/// member in input order; `None` when it is outside the subset (or `each` said `None`).
/// Nothing is collected, so a token's claims cost no copying (a `Members` array per token
/// was 1.3 KB of stores and a copy on return).
pub(super) fn visit<'a>(
    bytes: &'a [u8],
    each: impl FnMut(&'a str, Val<'a>) -> Option<()>,
) -> Option<()> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut s = Scan {
        s: text,
        b: bytes,
        i: 0,
    };
    s.members(1, each)?;
    s.ws();
    (s.i == bytes.len()).then_some(())
}

/// Scan a whole document that must be one object; `None` when it is outside the subset.
/// The tests' view of [`visit`]: every member, collected.
#[cfg(test)]
pub(crate) fn object(bytes: &[u8]) -> Option<Members<'_>> {
    let mut m = Members {
        items: [("", Val::Other); MAX_MEMBERS],
        len: 0,
    };
    visit(bytes, |k, v| {
        m.items[m.len] = (k, v);
        m.len += 1;
        Some(())
    })?;
    Some(m)
}

/// Call `each` with every element of an array [`Val::Arr`] holds.
pub(super) fn elements<'a>(arr: &'a str, each: impl FnMut(Val<'a>) -> Option<()>) -> Option<()> {
    Scan {
        s: arr,
        b: arr.as_bytes(),
        i: 0,
    }
    .array(1, each)
}

#[cfg(test)]
#[path = "fast_json_tests.rs"]
mod tests;
