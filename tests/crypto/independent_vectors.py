#!/usr/bin/python3
# Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
"""Recomputes the test vectors of docs/PROTOCOL.md from the document alone.

An independent reading of the specification, in the spirit of age's CCTV:
it uses only Python's hashlib (BLAKE2b with key, salt and person) and PyNaCl
(nacl.bindings for X25519, Ed25519, crypto_box, XChaCha20-Poly1305 and
Argon2id), never the C++ code. Context strings come from the document's
contexts table. Run with Debian's /usr/bin/python3 (python3-nacl).

Usage: independent_vectors.py [path/to/PROTOCOL.md]
Exits 1 and names every vector that disagrees.
"""

import base64
import hashlib
import os
import re
import struct
import sys

import nacl.bindings as nb
import nacl.exceptions
import nacl.pwhash

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def parse(path):
    text = open(path, encoding="utf-8").read()
    blocks = {}
    for m in re.finditer(r"^```vector (\S+)\n(.*?)^```", text, re.S | re.M):
        fields = {}
        for line in m.group(2).splitlines():
            if not line or line.startswith("#"):
                continue
            key, value = line.split(" = ", 1)
            if key.endswith("_int"):
                fields[key] = int(value)
            elif key.endswith("_text"):
                fields[key] = value
            else:
                fields[key] = bytes.fromhex(value)
        blocks[m.group(1)] = fields
    contexts = {m.group(1): m.group(2).encode()
                for m in re.finditer(r"^\| `(k\w+)` \| `([^`]+)`", text, re.M)}
    return blocks, contexts


# --- primitives, as section 1 defines them ---------------------------------

def h(ctx, m, n=32):
    return hashlib.blake2b(ctx + b"\x00" + m, digest_size=n).digest()


def kdf(key, subkey_id, ctx):
    return hashlib.blake2b(b"", digest_size=32, key=key,
                           salt=struct.pack("<Q", subkey_id) + bytes(8),
                           person=ctx + bytes(8)).digest()


def box_seed_keypair(seed):
    sk = hashlib.sha512(seed).digest()[:32]
    return nb.crypto_scalarmult_base(sk), sk


def sign_seed_keypair(seed):
    pk, _ = nb.crypto_sign_seed_keypair(seed)
    return pk


def ed25519_sign(seed, message):
    _, sk = nb.crypto_sign_seed_keypair(seed)
    return nb.crypto_sign(message, sk)[:64]


def seal_with(pk, esk, m):
    epk = nb.crypto_scalarmult_base(esk)
    nonce = hashlib.blake2b(epk + pk, digest_size=24).digest()
    return epk + nb.crypto_box(m, nonce, pk, esk)


def aead(key, nonce, aad, plaintext):
    return nb.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, nonce, key)


def bucket_for(size):
    for k in range(7):
        if size + 1 <= 1024 << k:
            return 1024 << k
    return None


def pad(content):
    b = bucket_for(len(content))
    return content + b"\x80" + bytes(b - len(content) - 1)


def luhn32(body):
    factor, total = 2, 0
    for ch in reversed(body):
        addend = factor * ALPHABET.index(ch)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def normalise(text):
    out = text.upper().replace(" ", "").replace("-", "")
    return out.replace("O", "0").replace("I", "1").replace("L", "1")


def invitation_canonical(text):
    out = normalise(text)
    if len(out) != 20 or any(ch not in ALPHABET for ch in out):
        return None
    return out.lower()


def b64_unpadded(text):
    """Base64 without padding, canonical only (unused bits zero), as libsodium reads it."""
    data = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    return data if base64.b64encode(data).decode().rstrip("=") == text else None


def recompute_verifier(verifier, password):
    """Recomputes a "$argon2id$" verifier from its own salt and limits, as
    section 15's ABNF reads it; returns (recomputed hash, stored hash)."""
    m = re.fullmatch(r"\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})", verifier)
    if not m:
        return None, None
    mem_kib, ops, salt, stored = int(m.group(1)), int(m.group(2)), b64_unpadded(m.group(3)), b64_unpadded(m.group(4))
    if salt is None or stored is None:
        return None, None
    return nacl.pwhash.argon2id.kdf(32, password, salt, opslimit=ops, memlimit=mem_kib * 1024), stored


# --- checks, one per vector ------------------------------------------------

class Checker:
    def __init__(self, blocks, contexts):
        self.blocks, self.c, self.failures = blocks, contexts, []

    def eq(self, name, key, got):
        want = self.blocks[name][key]
        if got != want:
            self.failures.append(f"{name}.{key}: got {got.hex() if isinstance(got, bytes) else got!r}")

    def run(self):
        for check in (self.hashes, self.kdfs, self.keys, self.directory, self.case_key, self.padding,
                      self.tags, self.sealed_box, self.sealed_tag, self.envelope, self.receipt, self.key_file, self.staff_secrets,
                      self.unknown_account_salt, self.session_token, self.invitation_code, self.envelope_hash,
                      self.thread_entry, self.audit_entries, self.audit_checkpoint):
            check()
        return self.failures

    def hashes(self):
        v = self.blocks["domain-hash"]
        self.eq("domain-hash", "hash", h(v["context"], v["message"]))
        assert v["context"] == self.c["kDirectoryHashContext"]
        v = self.blocks["domain-hash-16"]
        self.eq("domain-hash-16", "hash", h(v["context"], v["message"], 16))

    def kdfs(self):
        for name in ("kdf-case-1", "kdf-case-thread-base", "kdf-receipt-3"):
            v = self.blocks[name]
            self.eq(name, "subkey", kdf(v["master"], v["subkey_id_int"], v["context"]))

    def keys(self):
        v = self.blocks["recipient-keys"]
        xpk, xsk = box_seed_keypair(v["x25519_seed"])
        self.eq("recipient-keys", "x25519_secret_key", xsk)
        self.eq("recipient-keys", "x25519_public_key", xpk)
        self.eq("recipient-keys", "x25519_public_key", nb.crypto_box_seed_keypair(v["x25519_seed"])[0])
        epk = sign_seed_keypair(v["ed25519_seed"])
        self.eq("recipient-keys", "ed25519_public_key", epk)
        self.eq("recipient-keys", "recipient_key_id", h(self.c["kRecipientKeyIdContext"], xpk + epk, 16))
        self.eq("recipient-keys", "signing_key_id", h(self.c["kSigningKeyIdContext"], epk, 16))

    def directory(self):
        name = "directory-signature"
        v = self.blocks[name]
        pk = sign_seed_keypair(v["organisation_ed25519_seed"])
        self.eq(name, "organisation_public_key", pk)
        fp = h(self.c["kFingerprintContext"], pk)
        self.eq(name, "fingerprint", fp)
        self.eq(name, "fingerprint_text", " ".join(fp.hex()[i:i + 4] for i in range(0, 64, 4)))
        message = self.c["kDirectorySignatureContext"] + b"\x00" + v["directory"]
        self.eq(name, "signature", ed25519_sign(v["organisation_ed25519_seed"], message))
        nb.crypto_sign_open(v["signature"] + message, pk)  # raises if it does not verify
        self.eq(name, "directory_hash", h(self.c["kDirectoryHashContext"], v["directory"]))

    def commitment(self, case_key, nonce):
        return hashlib.blake2b(self.c["kKeyCommitmentContext"] + b"\x00" + nonce, digest_size=32,
                               key=case_key).digest()

    def case_key(self):
        v = self.blocks["case-key"]
        self.eq("case-key", "content_subkey", kdf(v["case_key"], 1, self.c["kCaseKdfContext"]))
        self.eq("case-key", "key_commitment", self.commitment(v["case_key"], v["nonce"]))

    def padding(self):
        for i in range(1, 7):
            name = f"padding-{i}"
            self.eq(name, "bucket_int", bucket_for(self.blocks[name]["content_size_int"]))

    def tags(self):
        for i in range(1, 4):
            name = f"tag-{i}"
            v = self.blocks[name]
            tag = struct.pack("<BIBHB7x", 1, v["department_id_int"], v["kind_int"], v["characteristics_int"],
                              v["source_int"])
            self.eq(name, "tag", tag)

    def sealed_box(self):
        v = self.blocks["sealed-box"]
        pk = nb.crypto_scalarmult_base(v["recipient_x25519_secret_key"])
        self.eq("sealed-box", "recipient_x25519_public_key", pk)
        self.eq("sealed-box", "sealed", seal_with(pk, v["ephemeral_secret_key"], v["plaintext"]))
        self.eq("sealed-box", "plaintext", nb.crypto_box_seal_open(v["sealed"], pk, v["recipient_x25519_secret_key"]))
        # And a fresh, random sealing opens the same way.
        fresh = nb.crypto_box_seal(v["plaintext"], pk)
        self.eq("sealed-box", "plaintext", nb.crypto_box_seal_open(fresh, pk, v["recipient_x25519_secret_key"]))

    def sealed_tag(self):
        v = self.blocks["sealed-tag"]
        pk, sk = box_seed_keypair(v["aggregation_x25519_seed"])
        self.eq("sealed-tag", "aggregation_x25519_secret_key", sk)
        self.eq("sealed-tag", "aggregation_public_key", pk)
        self.eq("sealed-tag", "tag", self.blocks["tag-1"]["tag"])
        self.eq("sealed-tag", "sealed_tag", seal_with(pk, v["ephemeral_secret_key"], v["tag"]))
        self.eq("sealed-tag", "tag", nb.crypto_box_seal_open(v["sealed_tag"], pk, sk))

    def envelope(self):
        v = self.blocks["envelope"]
        ids = v["recipient_key_ids"]
        aad = (self.c["kReportAadContext"] + b"\x00" + v["organisation_id"] + v["report_id"]
               + struct.pack("<IQ", v["envelope_version_int"], v["directory_version_int"])
               + v["directory_hash"] + struct.pack("<I", len(ids) // 16) + ids
               + h(self.c["kSealedTagHashContext"], v["sealed_tag"]))
        self.eq("envelope", "aad", aad)
        key = kdf(v["case_key"], 1, self.c["kCaseKdfContext"])
        self.eq("envelope", "ciphertext", aead(key, v["nonce"], aad, pad(v["content"])))
        self.eq("envelope", "key_commitment", self.commitment(v["case_key"], v["nonce"]))
        padded = nb.crypto_aead_xchacha20poly1305_ietf_decrypt(v["ciphertext"], aad, v["nonce"], key)
        self.eq("envelope", "content", padded.rstrip(b"\x00")[:-1])

    def receipt(self):
        v = self.blocks["receipt"]
        code = v["canonical_text"]
        self.eq("receipt", "canonical_text", code[:27] + luhn32(code[:27]))
        self.eq("receipt", "canonical_text", normalise(v["typed_text"]))
        self.eq("receipt", "display_text", "-".join(code[i:i + 4] for i in range(0, 28, 4)))
        master_key = self.c["kReceiptMasterKey"]
        self.eq("receipt", "receipt_master_key", master_key)
        master = hashlib.blake2b(code.encode(), digest_size=32, key=master_key).digest()
        self.eq("receipt", "master", master)
        ctx = self.c["kReceiptKdfContext"]
        lookup = kdf(master, 1, ctx)
        self.eq("receipt", "lookup", lookup)
        self.eq("receipt", "lookup_hash", h(self.c["kReceiptLookupContext"], lookup))
        self.eq("receipt", "box_public_key", box_seed_keypair(kdf(master, 2, ctx))[0])
        self.eq("receipt", "sign_public_key", sign_seed_keypair(kdf(master, 3, ctx)))

    def key_file(self):
        v = self.blocks["key-file"]
        xsk, seed = v["x25519_secret_key"], v["ed25519_seed"]
        public_keys = nb.crypto_scalarmult_base(xsk) + sign_seed_keypair(seed)
        key_id = h(self.c["kRecipientKeyIdContext"], public_keys, 16)
        head = (b"CDK1" + bytes([1]) + key_id + struct.pack("<QQ", v["opslimit_int"], v["memlimit_int"])
                + v["salt"] + v["nonce"] + public_keys)
        wrap_key = nacl.pwhash.argon2id.kdf(32, v["passphrase_text"].encode(), v["salt"],
                                            opslimit=v["opslimit_int"], memlimit=v["memlimit_int"])
        self.eq("key-file", "wrap_key", wrap_key)
        aad = self.c["kKeyFileAadContext"] + b"\x00" + head
        self.eq("key-file", "binary", head + aead(wrap_key, v["nonce"], aad, xsk + seed))
        text = f"untrusted comment: {v['comment_text']}\n{base64.b64encode(v['binary']).decode()}\n"
        line = text.split("\n")[1]
        self.eq("key-file", "binary", base64.b64decode(line, validate=True))

    def staff_secrets(self):
        name = "staff-secrets"
        v = self.blocks[name]
        ctx = self.c["kAccountKdfContext"]
        self.eq(name, "context", ctx)
        seed = nacl.pwhash.argon2id.kdf(32, v["passphrase_text"].encode(), v["salt"],
                                        opslimit=v["opslimit_int"], memlimit=v["memlimit_int"])
        self.eq(name, "seed", seed)
        auth_key = kdf(seed, 1, ctx)
        self.eq(name, "auth_key", auth_key)
        self.eq(name, "wrap_key", kdf(seed, 2, ctx))
        verifier = v["verifier_text"]
        recomputed, stored = recompute_verifier(verifier, auth_key)
        if recomputed is None or recomputed != stored:
            self.failures.append(f"{name}.verifier_text: does not follow section 15 or does not match auth_key")
        try:
            nacl.pwhash.argon2id.verify(verifier.encode(), auth_key)
        except nacl.exceptions.InvalidkeyError:
            self.failures.append(f"{name}.verifier_text: PyNaCl does not verify it")

    def unknown_account_salt(self):
        name = "unknown-account-salt"
        v = self.blocks[name]
        message = self.c["kUnknownAccountSaltContext"] + b"\x00" + v["name_text"].encode()
        self.eq(name, "salt", hashlib.blake2b(message, digest_size=16, key=v["server_secret"]).digest())

    def session_token(self):
        v = self.blocks["session-token"]
        self.eq("session-token", "token_hash", h(self.c["kSessionTokenContext"], v["token"]))

    def invitation_code(self):
        name = "invitation-code"
        v = self.blocks[name]
        canonical = v["canonical_text"]
        self.eq(name, "code_text", "-".join(canonical[i:i + 5] for i in range(0, 20, 5)))
        for key in ("code_text", "typed_text", "canonical_text"):
            self.eq(name, "canonical_text", invitation_canonical(v[key]))
        self.eq(name, "code_hash", h(self.c["kInvitationCodeContext"], canonical.encode()))

    def envelope_hash(self):
        e = self.blocks["envelope"]
        message = e["aad"] + e["nonce"] + e["key_commitment"] + e["ciphertext"]
        self.eq("envelope-hash", "envelope_hash", h(self.c["kEnvelopeHashContext"], message))

    def thread_entry(self):
        name = "thread-entry"
        v = self.blocks[name]
        pk, sk = nb.crypto_sign_seed_keypair(v["author_ed25519_seed"])
        self.eq(name, "author_public_key", pk)
        author_key_id = h(self.c["kSigningKeyIdContext"], pk, 16)
        self.eq(name, "author_key_id", author_key_id)
        content = b"\x0a" + bytes([len(v["text_text"])]) + v["text_text"].encode()  # EntryContent.text, field 1
        self.eq(name, "content", content)
        org = v["organisation_id_text"].encode()
        header = (self.c["kThreadEntryContext"] + b"\x00" + bytes([len(org)]) + org + v["report_id"]
                  + bytes([v["kind_int"]]) + author_key_id + struct.pack("<I", v["sequence_int"])
                  + v["previous_hash"] + bytes(32))  # a reporter entry has no quoted hash
        self.eq(name, "header", header)
        view_key = kdf(v["case_key"], 2, self.c["kCaseKdfContext"])  # messages: the view key
        self.eq(name, "view_key", view_key)
        self.eq(name, "staff_key", kdf(v["case_key"], 3, self.c["kCaseKdfContext"]))
        key = kdf(view_key, 2**32 + v["sequence_int"], self.c["kCaseKdfContext"])
        self.eq(name, "entry_key", key)
        ciphertext = aead(key, v["nonce"], header, pad(content))
        self.eq(name, "ciphertext", ciphertext)
        ciphertext_hash = h(self.c["kThreadCiphertextContext"], v["nonce"] + ciphertext)
        self.eq(name, "ciphertext_hash", ciphertext_hash)
        signed = header + ciphertext_hash
        self.eq(name, "signature", nb.crypto_sign(signed, sk)[:64])
        nb.crypto_sign_open(v["signature"] + signed, pk)  # raises if it does not verify
        self.eq(name, "entry_hash", h(self.c["kThreadEntryHashContext"], signed + v["signature"]))
        padded = nb.crypto_aead_xchacha20poly1305_ietf_decrypt(v["ciphertext"], header, v["nonce"], key)
        self.eq(name, "content", padded.rstrip(b"\x00")[:-1])

    def audit_entries(self):
        previous = bytes(32)
        for name in ("audit-entry-1", "audit-entry-2"):
            v = self.blocks[name]
            self.eq(name, "previous_hash", previous)
            body = (pb_varint_field(1, v["sequence_int"]) + pb_bytes_field(2, v["previous_hash"])
                    + pb_varint_field(3, v["at_minute_int"]) + pb_bytes_field(4, v["actor_text"].encode())
                    + pb_varint_field(5, v["action_int"]) + pb_bytes_field(6, v["object_text"].encode())
                    + pb_bytes_field(7, v["salt"]))
            self.eq(name, "body", body)
            digest = h(self.c["kAuditBodyContext"], body)
            self.eq(name, "body_digest", digest)
            previous = h(self.c["kAuditEntryContext"], struct.pack("<Q", v["sequence_int"]) + v["previous_hash"] + digest)
            self.eq(name, "entry_hash", previous)

    def audit_checkpoint(self):
        name = "audit-checkpoint"
        v = self.blocks[name]
        pk, sk = nb.crypto_sign_seed_keypair(v["admin_ed25519_seed"])
        self.eq(name, "admin_public_key", pk)
        self.eq(name, "admin_key_id", h(self.c["kSigningKeyIdContext"], pk, 16))
        self.eq(name, "head_hash", self.blocks["audit-entry-2"]["entry_hash"])
        org = v["organisation_id"]
        message = (self.c["kAuditCheckpointContext"] + b"\x00" + bytes([len(org)]) + org
                   + struct.pack("<Q", v["length_int"]) + v["head_hash"] + struct.pack("<q", v["signed_at_int"]))
        self.eq(name, "message", message)
        self.eq(name, "signature", nb.crypto_sign(message, sk)[:64])
        nb.crypto_sign_open(v["signature"] + message, pk)  # raises if it does not verify


# --- protobuf wire format, for the few messages the vectors serialise -------

def pb_varint(n):
    out = b""
    while True:
        low, n = n & 0x7F, n >> 7
        if not n:
            return out + bytes([low])
        out += bytes([low | 0x80])


def pb_varint_field(number, value):
    return pb_varint(number << 3) + pb_varint(value) if value else b""  # proto3 omits zero


def pb_bytes_field(number, value):
    return pb_varint(number << 3 | 2) + pb_varint(len(value)) + value if value else b""


def main():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "PROTOCOL.md")
    path = sys.argv[1] if len(sys.argv) > 1 else default
    blocks, contexts = parse(path)
    failures = Checker(blocks, contexts).run()
    for f in failures:
        print("MISMATCH", f)
    print(f"{len(blocks)} vectors, {len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
