#include "http/websocket_hub.h"

#include <gtest/gtest.h>

namespace xieli::http {
namespace {

struct FakePeer : WebSocketPeer {
    std::vector<std::string> got;
    bool closed = false;
    bool Send(std::shared_ptr<const std::string> text) override {
        if (closed) return false;
        got.push_back(*text);
        return true;
    }
    void Close() override { closed = true; }
};

Caller User(int64_t tenant, int64_t user) {
    return Caller{tenant, user, 1, false};
}

TEST(HubTest, TicketsAreOneUseAndNameTheCaller) {
    Hub hub;
    std::string ticket = hub.IssueTicket(User(1, 7));
    EXPECT_EQ(ticket.size(), 32u);
    auto caller = hub.RedeemTicket(ticket);
    ASSERT_TRUE(caller);
    EXPECT_EQ(caller->tenant_id, 1);
    EXPECT_EQ(caller->user_id, 7);
    EXPECT_FALSE(hub.RedeemTicket(ticket));
    EXPECT_FALSE(hub.RedeemTicket("made-up"));
}

TEST(HubTest, EveryTabOfTheUserGetsTheMessageAndNoOneElse) {
    Hub hub;
    auto tab1 = std::make_shared<FakePeer>(), tab2 = std::make_shared<FakePeer>();
    auto other = std::make_shared<FakePeer>(), other_tenant = std::make_shared<FakePeer>();
    hub.Attach(User(1, 7), 1, tab1);
    hub.Attach(User(1, 7), 2, tab2);
    hub.Attach(User(1, 8), 3, other);
    hub.Attach(User(2, 7), 4, other_tenant);  // user 7 of another enterprise is someone else
    EXPECT_EQ(hub.Publish(1, 7, std::string("hello")), 2);
    EXPECT_EQ(tab1->got, std::vector<std::string>{"hello"});
    EXPECT_EQ(tab2->got, std::vector<std::string>{"hello"});
    EXPECT_TRUE(other->got.empty());
    EXPECT_TRUE(other_tenant->got.empty());
    EXPECT_EQ(hub.ConnectedUsers(1), (std::vector<int64_t>{7, 8}));
    EXPECT_EQ(hub.Stats().sockets_open, 4);

    hub.Detach(User(1, 7), 1);
    EXPECT_EQ(hub.Publish(1, 7, std::string("again")), 1);
    EXPECT_EQ(tab1->got.size(), 1u);
    hub.Detach(User(1, 7), 2);
    EXPECT_EQ(hub.ConnectedUsers(1), std::vector<int64_t>{8});
    EXPECT_EQ(hub.Publish(1, 7, std::string("nobody")), 0);
    hub.CloseAll();
    EXPECT_TRUE(other->closed);
    EXPECT_TRUE(other_tenant->closed);
}

}  // namespace
}  // namespace xieli::http
