#pragma once
// Joins what one resource spread over several documents: instance interfaces next to
// describe-network-interfaces, describe-security-group-rules next to describe-security-
// groups, prefix-list entries next to their list, transit gateway attachments, routes and
// propagations next to their tables; and keeps one entry per object listed twice.

#include "model/network.h"

namespace sgscope::ingest {

// Runs every merge pass. Idempotent: LoadDocument runs it after each document so that a
// caller can Finalize() at any point; LoadSnapshot runs it once after the last.
void MergeDocuments(Network& network);

}  // namespace sgscope::ingest
