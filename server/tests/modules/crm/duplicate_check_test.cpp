// The customer duplicate-check keys (modules/crm/duplicate_check.h).

#include "modules/crm/duplicate_check.h"

#include <gtest/gtest.h>

namespace xieli::crm {
namespace {

TEST(DuplicateNameKey, TrimsAndFoldsAsciiCase) {
    EXPECT_EQ(NormalizeCustomerName("  杭州云帆网络科技有限公司 "), "杭州云帆网络科技有限公司");
    EXPECT_EQ(NormalizeCustomerName("\t Acme CHINA Ltd.\n"), "acme china ltd.");
    // The ideographic space U+3000 is trimmed too; inner spaces stay.
    EXPECT_EQ(NormalizeCustomerName("\xE3\x80\x80示例 科技\xE3\x80\x80"), "示例 科技");
}

TEST(DuplicateNameKey, FullWidthBracketsReadAsHalfWidth) {
    EXPECT_EQ(NormalizeCustomerName("华为技术（深圳）有限公司"), "华为技术(深圳)有限公司");
    EXPECT_EQ(NormalizeCustomerName("华为技术(深圳)有限公司"), NormalizeCustomerName("华为技术（深圳）有限公司"));
    EXPECT_EQ(NormalizeCustomerName("ABC（Shanghai)"), "abc(shanghai)");
}

TEST(DuplicateNameKey, LeavesOtherTextAlone) {
    // No folding beyond ASCII case and brackets: full-width letters and other characters stay.
    EXPECT_EQ(NormalizeCustomerName("ＡＢＣ"), "ＡＢＣ");
    EXPECT_NE(NormalizeCustomerName("云帆科技"), NormalizeCustomerName("雲帆科技"));
    EXPECT_EQ(NormalizeCustomerName("   "), "");
    EXPECT_EQ(NormalizeCustomerName(""), "");
}

TEST(DuplicatePhoneKey, MobilesWithPrefixSpacesAndDashes) {
    EXPECT_EQ(NormalizePhoneKey("13800001111"), "13800001111");
    EXPECT_EQ(NormalizePhoneKey("+86 138-0000-1111"), "13800001111");
    EXPECT_EQ(NormalizePhoneKey("0086 138 0000 1111"), "13800001111");
}

TEST(DuplicatePhoneKey, LandlinesKeepTheirDigits) {
    EXPECT_EQ(NormalizePhoneKey("0571-88886666"), "057188886666");
    EXPECT_EQ(NormalizePhoneKey("(0571) 8888 6666"), "057188886666");
    EXPECT_EQ(NormalizePhoneKey("+86 571 8888 6666"), "057188886666");
    EXPECT_EQ(NormalizePhoneKey("400-800-1234"), "4008001234");
}

TEST(DuplicatePhoneKey, TooShortOrNotANumberIsNoKey) {
    EXPECT_EQ(NormalizePhoneKey("12345"), "");
    EXPECT_EQ(NormalizePhoneKey("call me"), "");
    EXPECT_EQ(NormalizePhoneKey(""), "");
    EXPECT_EQ(NormalizePhoneKey("+86"), "");
}

TEST(DuplicateKeys, EmptyValuesGiveNoKey) {
    CustomerKeys k = KeysOf(store::Value("  "), store::Value(), store::Value("abc"));
    EXPECT_TRUE(k.Empty());
    k = KeysOf(store::Value("云帆（杭州）"), store::Value("云帆"), store::Value("+8613800001111"));
    EXPECT_EQ(k.name, "云帆(杭州)");
    EXPECT_EQ(k.short_name, "云帆");
    EXPECT_EQ(k.phone, "13800001111");
}

// A customer waiting in a public pool has no owner: the message names the pool to claim it from
// instead of saying "负责人：无" (audit 5 §5.3).
TEST(DuplicateMessage, NamesThePoolOfAnOwnerlessCustomer) {
    DuplicateMatch m;
    m.name = "常州瑞丰";
    m.pool_id = store::Value(int64_t{1});
    m.pool_name = "华东公海";
    EXPECT_EQ(DuplicateMessage(m, "name").zh, "客户「常州瑞丰」已在公海「华东公海」中，可前往公海领取");
    EXPECT_EQ(
        DuplicateMessage(m, "name").en,
        "The customer \"常州瑞丰\" is in the public pool \"华东公海\"; claim it from the pool"
    );
    EXPECT_EQ(DuplicateMessage(m, "phone").zh, "电话与公海「华东公海」中的客户「常州瑞丰」相同，可前往公海领取");
    m.pool_name.clear();
    EXPECT_EQ(DuplicateMessage(m, "name").zh, "客户「常州瑞丰」已存在，负责人：无");
    m.owner_name = "王芳";
    EXPECT_EQ(DuplicateMessage(m, "name").en, "The customer \"常州瑞丰\" already exists (owner: 王芳)");
}

}  // namespace
}  // namespace xieli::crm
