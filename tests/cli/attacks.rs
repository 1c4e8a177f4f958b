//! The attack suite placeholder (filled in next).
