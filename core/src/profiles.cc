// Tracker: profiles.
#include "streakbox/tracker.h"
#include "validate.h"

namespace streakbox {
namespace {
Profile ReadProfile(const Statement& st) {
  return Profile{st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)};
}
const char* kProfileColumns = "SELECT id, name, color, created_at, updated_at FROM profiles ";

Status NameTaken(const std::string& name) {
  return Status::AlreadyExists("a profile named '" + name + "' already exists");
}
}  // namespace

Status Tracker::RequireProfile(int64_t id) {
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("SELECT 1 FROM profiles WHERE id = ?"));
  st.Bind(1, id);
  SB_ASSIGN_OR_RETURN(bool found, st.Step());
  return found ? Status::Ok() : Status::NotFound("no profile with id " + std::to_string(id));
}

Result<std::vector<Profile>> Tracker::ListProfiles() {
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(std::string(kProfileColumns) + "ORDER BY name, id"));
  std::vector<Profile> out;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadProfile(st));
  }
  return out;
}

Result<Profile> Tracker::GetProfile(int64_t id) {
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(std::string(kProfileColumns) + "WHERE id = ?"));
  st.Bind(1, id);
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("no profile with id " + std::to_string(id));
  return ReadProfile(st);
}

Result<int64_t> Tracker::CreateProfile(const std::string& raw_name, const std::string& color) {
  SB_ASSIGN_OR_RETURN(const std::string name, NormalizeName("profile name", raw_name, kMaxProfileNameLength));
  SB_RETURN_IF_ERROR(CheckColor(color));
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
      "INSERT INTO profiles (name, color, created_at, updated_at) VALUES (?, ?, ?, ?)"));
  const std::string now = Now();
  st.Bind(1, name).Bind(2, color).Bind(3, now).Bind(4, now);
  Status s = st.Run();
  if (s.code() == Code::kAlreadyExists) return NameTaken(name);
  SB_RETURN_IF_ERROR(s);
  const int64_t id = db_.LastInsertId();
  SB_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Status Tracker::UpdateProfile(int64_t id, const ProfilePatch& patch) {
  std::string name;
  if (patch.name) {
    SB_ASSIGN_OR_RETURN(name, NormalizeName("profile name", *patch.name, kMaxProfileNameLength));
  }
  if (patch.color) SB_RETURN_IF_ERROR(CheckColor(*patch.color));
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_RETURN_IF_ERROR(RequireProfile(id));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
      "UPDATE profiles SET name = coalesce(?, name), color = coalesce(?, color), updated_at = ? "
      "WHERE id = ?"));
  if (patch.name) st.Bind(1, name);
  if (patch.color) st.Bind(2, *patch.color);
  st.Bind(3, Now()).Bind(4, id);
  Status s = st.Run();
  if (s.code() == Code::kAlreadyExists) return NameTaken(name);
  SB_RETURN_IF_ERROR(s);
  return tx.Commit();
}

Status Tracker::DeleteProfile(int64_t id) {
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_RETURN_IF_ERROR(RequireProfile(id));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("DELETE FROM profiles WHERE id = ?"));
  st.Bind(1, id);
  SB_RETURN_IF_ERROR(st.Run());
  return tx.Commit();
}

}  // namespace streakbox
