#include "demo/DemoNursery.h"

#include "Clock.h"
#include "auth/NurserySetup.h"
#include "auth/Session.h"
#include "auth/StaffAccounts.h"
#include "domain/Ids.h"
#include "storage/DataDir.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

namespace {
// Invented names only.
const QStringList RoomNames {QStringLiteral("Seedlings"), QStringLiteral("Saplings"), QStringLiteral("Oak Room")};
const QStringList FirstNames {QStringLiteral("Tilly"),   QStringLiteral("Ozzie"),   QStringLiteral("Wren"),
                              QStringLiteral("Bramble"), QStringLiteral("Juniper"), QStringLiteral("Pip"),
                              QStringLiteral("Clover"),  QStringLiteral("Fennel"),  QStringLiteral("Sorrel"),
                              QStringLiteral("Teasel"),  QStringLiteral("Linden"),  QStringLiteral("Marigold")};
const QStringList LastNames {QStringLiteral("Mossbank"),   QStringLiteral("Puddleby"), QStringLiteral("Fernwhistle"),
                             QStringLiteral("Hollowtree"), QStringLiteral("Quillsby"), QStringLiteral("Dewberry")};
} // namespace

Result<QList<DemoNursery::Account>> DemoNursery::create(const DataDir& dataDir, const Clock& clock)
{
    QList<Account> accounts {
        {QStringLiteral("Poppy Fieldfare"), QStringLiteral("poppy"), QStringLiteral("Blue-Otter-47"),
         QStringLiteral("manager")},
        {QStringLiteral("Hazel Brambleworth"), QStringLiteral("hazel"), QStringLiteral("Green-Kite-58"),
         QStringLiteral("room_leader")},
        {QStringLiteral("Rowan Thistledown"), QStringLiteral("rowan"), QStringLiteral("Amber-Heron-63"),
         QStringLiteral("practitioner")},
    };

    NurserySetup::Request request;
    request.nurseryName = QStringLiteral("Little Acorns Demo Nursery");
    request.managerDisplayName = accounts[0].displayName;
    request.managerUserName = accounts[0].userName;
    request.managerPassword = accounts[0].password.toUtf8();
    auto created = NurserySetup::create(dataDir, request, clock);
    if (!created)
        return created.error();

    auto session = Session::signIn(dataDir, accounts[0].userName, accounts[0].password.toUtf8(), clock);
    if (!session)
        return session.error();
    auto& s = *session.value();

    StaffAccounts staffAccounts(s);
    for (int i = 1; i < accounts.size(); ++i) {
        Role role = Role::Practitioner;
        roleFromKey(accounts[i].role, &role);
        auto member
            = staffAccounts.create(accounts[i].displayName, accounts[i].userName, role, accounts[i].password.toUtf8());
        if (!member)
            return member.error();
    }

    // Demo sign-ins should not start with a forced password change.
    (void)s.database().exec(QStringLiteral("UPDATE staff SET must_change_password = 0"));

    const QString now = Ids::toIso(clock.now());
    QStringList roomIds;
    Transaction transaction(s.database());
    for (const auto& room : RoomNames) {
        const QString id = Ids::newId();
        QSqlQuery q(s.database().sql());
        q.prepare(QStringLiteral("INSERT INTO rooms (id, name, created_at, updated_at, origin_device) "
                                 "VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(id);
        q.addBindValue(room);
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(s.deviceId());
        if (!q.exec())
            return Database::describe(q.lastError());
        roomIds << id;
    }
    const QDate today = clock.now().date();
    for (int i = 0; i < 24; ++i) {
        QSqlQuery q(s.database().sql());
        q.prepare(QStringLiteral(
            "INSERT INTO children (id, first_name, last_name, date_of_birth, start_date, room_id, status, "
            "photo_consent, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)"));
        q.addBindValue(Ids::newId());
        q.addBindValue(FirstNames[i % FirstNames.size()]);
        q.addBindValue(LastNames[(i * 7) % LastNames.size()]);
        q.addBindValue(today.addDays(-(300 + i * 53)).toString(Qt::ISODate));
        q.addBindValue(today.addDays(-(30 + i * 5)).toString(Qt::ISODate));
        q.addBindValue(roomIds[i % roomIds.size()]);
        q.addBindValue(i % 5 == 0 ? QStringLiteral("no") : QStringLiteral("yes"));
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(s.deviceId());
        if (!q.exec())
            return Database::describe(q.lastError());
    }
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    s.end(Session::EndReason::SignOut);
    return accounts;
}

} // namespace Acorn
