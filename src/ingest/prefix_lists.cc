// Prefix lists from three outputs that meet by id:
//  * describe-managed-prefix-lists: PrefixLists[] with owner and name, no entries (some
//    collectors embed Entries[] per list; those are read);
//  * describe-prefix-lists: PrefixLists[] with Cidrs[], the AWS-managed service lists;
//  * get-managed-prefix-list-entries: a bare Entries[] that does not say its list. It is
//    tied to one by a top-level "PrefixListId" member in the same file, else by a pl- id
//    in the file's name (e.g. "pl-0123456789abcdef0.json"); else it is reported.
// https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html

#include <algorithm>

#include "ingest/field_values.h"
#include "ingest/fold_by_id.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kEntriesKey = "Entries";
constexpr std::string_view kListIgnored[] = {
    "AddressFamily", "IpamPrefixListResolverSyncEnabled", "IpamPrefixListResolverTargetId", "MaxEntries",
    "PrefixListArn", "State", "StateMessage", "Tags", "Version"};
constexpr std::string_view kEntryIgnored[] = {"Description"};

// One PrefixListEntry {Cidr, Description}.
void AddEntry(JsonCursor& entry, PrefixList& list) {
  std::optional<IpPrefix> cidr;
  if (entry.ExpectObject()) cidr = ReadCidr(entry, "Cidr", std::nullopt, Need::kRequired);
  entry.CheckFields("PrefixListEntry", kEntryIgnored);
  if (!cidr) return entry.context().Skip("prefix list entry");
  list.cidrs.push_back(*cidr);
}

void LoadPrefixList(JsonCursor& c) {
  PrefixList list;
  if (!ReadItemId(c, "PrefixListId", list.id, "prefix list")) return;
  c.ReadString("PrefixListName", list.name);
  c.ReadString("OwnerId", list.owner_id);
  if (c.Has("Cidrs")) {
    list.entries_known = true;
    if (list.owner_id.empty()) list.owner_id = "AWS";  // describe-prefix-lists lists AWS-managed ones only
    c.ForEach("Cidrs", [&](JsonCursor& item) {
      if (auto cidr = CidrValue(item, std::nullopt)) list.cidrs.push_back(*cidr);
      else item.context().Skip("prefix list entry");
    });
  }
  if (c.Has(kEntriesKey)) {
    list.entries_known = true;
    c.ForEach(kEntriesKey, [&](JsonCursor& entry) { AddEntry(entry, list); });
  }
  AddItem(c, "PrefixList", kListIgnored, std::move(list), c.context().network().prefix_lists);
}

bool IsHex(char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); }

// The last "pl-<hex>" token in `name` that stands on its own (not inside a longer word).
std::string PrefixListIdInName(std::string_view name) {
  for (size_t at = name.rfind("pl-"); at != std::string_view::npos; at = at ? name.rfind("pl-", at - 1) : name.npos) {
    size_t end = at + 3;
    while (end < name.size() && IsHex(name[end])) ++end;
    bool starts_word = at == 0 || !std::isalnum(static_cast<unsigned char>(name[at - 1]));
    bool ends_word = end == name.size() || !std::isalnum(static_cast<unsigned char>(name[end]));
    if (end - at >= 3 + 8 && starts_word && ends_word) return std::string(name.substr(at, end - at));
  }
  return "";
}

std::string EntriesListId(const JsonCursor& entries) {
  LoadContext& context = entries.context();
  std::string id;
  if (const JsonCursor* root = context.root()) {
    std::string_view sv;
    simdjson::dom::element value;
    if (root->value()["PrefixListId"].get(value) == simdjson::SUCCESS && value.get_string().get(sv) == simdjson::SUCCESS)
      id = sv;
  }
  return id.empty() ? PrefixListIdInName(context.file_name()) : id;
}

bool FromEntriesFile(const PrefixList& list) { return list.source.path == kEntriesKey; }

void FoldList(PrefixList& from, PrefixList& into, Network& network) {
  if (FromEntriesFile(into) && !FromEntriesFile(from)) into.source = from.source;
  if (into.name.empty()) into.name = from.name;
  if (into.owner_id.empty()) into.owner_id = from.owner_id;
  if (!from.entries_known) return;
  if (!into.entries_known) {
    into.cidrs = std::move(from.cidrs), into.entries_known = true;
    return;
  }
  auto sorted = [](std::vector<IpPrefix> v) { return std::sort(v.begin(), v.end()), v; };
  if (sorted(from.cidrs) != sorted(into.cidrs))
    network.diagnostics.Add(Severity::kWarning, network.FileOf(from.source), from.source.path,
                            "entries of prefix list " + into.id + " differ from those in " +
                                network.FileOf(into.source) + "; using the latter");
}

}  // namespace

void LoadPrefixLists(JsonCursor& list) { list.ForEachElement(LoadPrefixList); }

void LoadPrefixListEntries(JsonCursor& entries) {
  std::string id = EntriesListId(entries);
  if (id.empty()) {
    size_t n = 0;
    entries.ForEachElement([&](JsonCursor&) { ++n; });
    entries.Report(Severity::kWarning,
                   "prefix-list entries do not say their list: add a top-level \"PrefixListId\" or put the "
                   "pl- id in the file name; " + std::to_string(n) + " entries skipped");
    return entries.context().Skip("prefix list entry", n);
  }
  PrefixList list;
  list.id = id;
  list.entries_known = true;
  entries.ForEachElement([&](JsonCursor& entry) { AddEntry(entry, list); });
  list.source = entries.Source();
  entries.context().network().prefix_lists.push_back(std::move(list));
}

void MergePrefixLists(Network& network) {
  FoldById(
      network.prefix_lists, [](const PrefixList&) { return true; },
      [&](PrefixList& from, PrefixList& into) { FoldList(from, into, network); });
}

}  // namespace sgscope::ingest
