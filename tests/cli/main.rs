mod keyset;
mod net_serve;
