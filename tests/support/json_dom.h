// Test support: a JsonHandler that builds an nlohmann::json document from the
// token stream, so tests and the fuzzer can compare ParseJsonStream with
// nlohmann::json::parse value for value.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../core/src/json_stream.h"

namespace streakbox {

class JsonDomBuilder : public JsonHandler {
 public:
  nlohmann::json root;

  void Null() override { Put(nullptr); }
  void Bool(bool v) override { Put(v); }
  void Integer(int64_t v) override { Put(v); }
  void Unsigned(uint64_t v) override { Put(v); }
  void Double(double v) override { Put(v); }
  void String(std::string& v) override { Put(v); }
  void Key(std::string& k) override { key_ = k; }
  void StartObject() override { open_.push_back(Put(nlohmann::json::object())); }
  void StartArray() override { open_.push_back(Put(nlohmann::json::array())); }
  void EndObject() override { open_.pop_back(); }
  void EndArray() override { open_.pop_back(); }

 private:
  nlohmann::json* Put(nlohmann::json v) {
    if (open_.empty()) {
      root = std::move(v);
      return &root;
    }
    nlohmann::json& top = *open_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    return &(top[key_] = std::move(v));
  }
  std::vector<nlohmann::json*> open_;
  std::string key_;
};

}  // namespace streakbox
