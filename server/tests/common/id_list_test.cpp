#include "common/id_list.h"

#include <gtest/gtest.h>

namespace xieli {
namespace {

const Text kWhenMissing{"请选择要转移的记录", "Choose the records to transfer"};

// The one problem `body` has, as ParseIdList reports it.
FieldError ProblemOf(const char* body, size_t cap = 3) {
    try {
        ParseIdList(json::parse(body).as_object(), "ids", cap, kWhenMissing);
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed) << body;
        EXPECT_EQ(e.details().size(), 1u) << body;
        if (!e.details().empty()) return e.details().front();
    }
    ADD_FAILURE() << "no error for " << body;
    return {};
}

TEST(IdList, DistinctIdsInTheOrderGiven) {
    EXPECT_EQ(
        ParseIdList(json::parse(R"({"ids": [4, 2, 4, 9]})").as_object(), "ids", 3, kWhenMissing),
        (std::vector<int64_t>{4, 2, 9})
    );
    // The cap counts distinct ids.
    EXPECT_EQ(
        ParseIdList(json::parse(R"({"ids": [1, 1, 1, 1, 2]})").as_object(), "ids", 2, kWhenMissing),
        (std::vector<int64_t>{1, 2})
    );
}

TEST(IdList, EachProblemHasItsCodeAndMessage) {
    for (const char* body : {R"({})", R"({"ids": null})", R"({"ids": "1,2"})", R"({"ids": {"0": 1}})"}) {
        FieldError e = ProblemOf(body);
        EXPECT_EQ(e.field, "ids");
        EXPECT_EQ(e.code, "required") << body;
        EXPECT_EQ(e.message.zh, "请选择要转移的记录");
    }
    for (const char* body : {R"({"ids": [1, 0]})", R"({"ids": [-3]})", R"({"ids": ["1"]})", R"({"ids": [1.5]})"}) {
        FieldError e = ProblemOf(body);
        EXPECT_EQ(e.code, "invalid") << body;
        EXPECT_EQ(e.message.en, "A record id is not valid") << body;
    }
    for (const char* body : {R"({"ids": []})", R"({"ids": [1, 2, 3, 4]})"}) {
        FieldError e = ProblemOf(body);
        EXPECT_EQ(e.code, "invalid") << body;
        EXPECT_EQ(e.message.zh, "请选择 1–3 条记录") << body;
        EXPECT_EQ(e.message.en, "Choose 1–3 records") << body;
    }
}

TEST(IdList, ProblemsCanBeCollectedWithOthers) {
    std::vector<FieldError> errors{{"values", "required", {"值", "values"}}};
    EXPECT_TRUE(ParseIdList(json::parse(R"({"ids": [1, 2]})").as_object(), "ids", 1, kWhenMissing, errors).empty());
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[1].message.en, "Choose 1–1 records");
    EXPECT_EQ(
        ParseIdList(json::parse(R"({"ids": [7]})").as_object(), "ids", 1, kWhenMissing, errors),
        (std::vector<int64_t>{7})
    );
    EXPECT_EQ(errors.size(), 2u);
}

}  // namespace
}  // namespace xieli
