#!/usr/bin/env python3
"""Independent RFC 9162 proof verifier, used to cross-check the TypeScript implementation.

A straight transcription of RFC 9162 section 2.1.3.2 (inclusion) and section 2.1.4.2
(consistency), using only hashlib. It deliberately shares no code with the TypeScript side.

Input on stdin: a JSON array of cases, hashes in lower-case hex:
  {"kind": "inclusion", "leaf_index", "tree_size", "leaf_hash" | "entry_hex", "path", "root"}
  {"kind": "consistency", "first", "second", "first_hash", "second_hash", "path"}
  {"kind": "root", "entries": [hex, ...], "root"}   (MTH recomputed from whole entries)
Output on stdout: a JSON array of booleans, one per case.
"""

import hashlib
import json
import sys


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def leaf_hash(entry: bytes) -> bytes:
    return sha256(b"\x00" + entry)


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


def well_formed(*hashes: bytes) -> bool:
    return all(len(h) == 32 for h in hashes)


def verify_inclusion(leaf_index: int, tree_size: int, h: bytes, inclusion_path: list, root_hash: bytes) -> bool:
    if not well_formed(h, root_hash, *inclusion_path):
        return False
    # 1. If leaf_index is greater than or equal to tree_size, fail.
    if leaf_index >= tree_size or leaf_index < 0:
        return False
    # 2. Set fn to leaf_index and sn to tree_size - 1.
    fn, sn = leaf_index, tree_size - 1
    # 3. Set r to hash.
    r = h
    # 4. For each value p in the inclusion_path array:
    for p in inclusion_path:
        # a. If sn is 0, then stop the iteration and fail the proof verification.
        if sn == 0:
            return False
        # b. If LSB(fn) is set, or if fn is equal to sn, then:
        if fn & 1 or fn == sn:
            # i. Set r to HASH(0x01 || p || r).
            r = node_hash(p, r)
            # ii. If LSB(fn) is not set, then right-shift both fn and sn equally
            #     until either LSB(fn) is set or fn is 0.
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            # Otherwise: Set r to HASH(0x01 || r || p).
            r = node_hash(r, p)
        # c. Finally, right-shift both fn and sn one time.
        fn >>= 1
        sn >>= 1
    # 5. Compare sn to 0. Compare r against the root_hash.
    return sn == 0 and r == root_hash


def verify_consistency(first: int, second: int, first_hash: bytes, second_hash: bytes, consistency_path: list) -> bool:
    if not well_formed(first_hash, second_hash, *consistency_path):
        return False
    if first < 0 or first > second:
        return False
    # Outside the RFC's 0 < first < second: nothing to prove, so the path must be empty.
    if first == second:
        return not consistency_path and first_hash == second_hash
    if first == 0:
        return not consistency_path and first_hash == sha256(b"")
    # 1. If consistency_path is an empty array, stop and fail the proof verification.
    if not consistency_path:
        return False
    path = list(consistency_path)
    # 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    # 3. Set fn to first - 1 and sn to second - 1.
    fn, sn = first - 1, second - 1
    # 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
    while fn & 1:
        fn >>= 1
        sn >>= 1
    # 5. Set both fr and sr to the first value in the consistency_path array.
    fr = sr = path[0]
    # 6. For each subsequent value c in the consistency_path array:
    for c in path[1:]:
        # a. If sn is 0, then stop the iteration and fail the proof verification.
        if sn == 0:
            return False
        # b. If LSB(fn) is set, or if fn is equal to sn, then:
        if fn & 1 or fn == sn:
            # i. Set fr to HASH(0x01 || c || fr).  ii. Set sr to HASH(0x01 || c || sr).
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            # iii. If LSB(fn) is not set, then right-shift both fn and sn equally
            #      until either LSB(fn) is set or fn is 0.
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            # Otherwise: Set sr to HASH(0x01 || sr || c).
            sr = node_hash(sr, c)
        # Finally, right-shift both fn and sn one time.
        fn >>= 1
        sn >>= 1
    # 7. Verify fr == first_hash, sr == second_hash and sn == 0.
    return fr == first_hash and sr == second_hash and sn == 0


def mth(entries: list) -> bytes:
    """RFC 9162 section 2.1.1, by its recursive definition."""
    n = len(entries)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaf_hash(entries[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(mth(entries[:k]), mth(entries[k:]))


def run(case: dict) -> bool:
    b = bytes.fromhex
    if case["kind"] == "inclusion":
        h = leaf_hash(b(case["entry_hex"])) if "entry_hex" in case else b(case["leaf_hash"])
        return verify_inclusion(case["leaf_index"], case["tree_size"], h, [b(p) for p in case["path"]], b(case["root"]))
    if case["kind"] == "consistency":
        return verify_consistency(
            case["first"], case["second"], b(case["first_hash"]), b(case["second_hash"]), [b(p) for p in case["path"]]
        )
    if case["kind"] == "root":
        return mth([b(e) for e in case["entries"]]) == b(case["root"])
    raise ValueError("unknown case kind: " + str(case["kind"]))


if __name__ == "__main__":
    json.dump([run(c) for c in json.load(sys.stdin)], sys.stdout)
