mod keyset;
