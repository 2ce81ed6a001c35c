// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The interactive questions of `candour report`, in plain language, on the
// terminal. Fills only what flags did not already set. Not thread-safe.
#ifndef CANDOUR_CLIENTS_REPORT_PROMPTS_H_
#define CANDOUR_CLIENTS_REPORT_PROMPTS_H_

#include "absl/status/status.h"
#include "candour/v1/directory.pb.h"
#include "candour/v1/report.pb.h"

namespace candour::clients {

// CANCELLED if the reporter ends input (Ctrl-D).
absl::Status AskForReport(const candour::v1::Directory& directory, candour::v1::ReportContent& content);
// Shows a summary and asks "Send it now?". True only for yes.
bool ConfirmSend(const candour::v1::Directory& directory, const candour::v1::ReportContent& content);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_REPORT_PROMPTS_H_
