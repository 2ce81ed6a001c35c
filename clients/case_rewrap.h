// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Turnover on a Guardian's machine (docs/PROTOCOL.md, "Turnover"): which
// recipients of the verified current directory hold no case-key record for
// an opened case, and the request that gives them the case key — one sealed
// record each, with the REWRAP entry naming them, signed by this Guardian
// as the next entry of the thread. Recipients come only from the verified
// current directory; the server's list of key holders only narrows them, so
// a lying server can at worst keep a case from a newcomer, never send it to
// a key the organisation did not sign. Stateless; thread-compatible.
#ifndef CANDOUR_CLIENTS_CASE_REWRAP_H_
#define CANDOUR_CLIENTS_CASE_REWRAP_H_

#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/casework.pb.h"
#include "candour/v1/directory.pb.h"
#include "clients/guardian_case.h"
#include "crypto/keys.h"

namespace candour::clients {

// The Guardians and recovery keys of `opened.current_directory` whose key
// ids are not among `opened.key_holders`, in directory order.
std::vector<candour::v1::Recipient> MissingRecipients(const OpenedCase& opened);

// Seals the case key to each of `recipients` and the REWRAP entry listing
// their key ids, as the next entry by `keys`. INVALID_ARGUMENT for none or
// more than 64; FAILED_PRECONDITION as SealNext (a thread that does not
// verify, or a workflow record that disagrees with it).
absl::StatusOr<candour::v1::RewrapRequest> SealRewrap(const OpenedCase& opened, const crypto::RecipientKeys& keys,
                                                      const std::vector<candour::v1::Recipient>& recipients);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_CASE_REWRAP_H_
