//! Bulk work over tokens on stdin, one per line, as `verify -` and `decrypt -` do it: the
//! stream reader ([`stream`]: bounded memory, batches over one shared text), the ordered
//! pool ([`pool`]: every core, results in input order, fail closed) and the output
//! batching ([`out`]: a worker's rendering replayed in order). A domain module: it parses
//! no flags and prints only through the writers it is given.

pub mod out;
pub mod pool;
pub mod stream;
