#include "TestNursery.h"

#include "auth/NurserySetup.h"
#include "auth/StaffAccounts.h"
#include "crypto/PasswordKdf.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QTest>

namespace Acorn::Test {

TestNursery::TestNursery(PasswordPolicy::Kind policy)
    : m_dataDir(m_dir.path())
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    NurserySetup::Request request;
    request.nurseryName = QStringLiteral("Puddle Lane Test Nursery");
    request.managerDisplayName = QString::fromLatin1(ManagerName);
    request.managerUserName = QString::fromLatin1(ManagerUser);
    request.managerPassword = QByteArray(ManagerPassword);
    request.policy = policy;
    auto created = NurserySetup::create(m_dataDir, request, m_clock);
    if (!created) {
        m_error = created.errorMessage();
        return;
    }
    m_recoveryKey = QByteArray(reinterpret_cast<const char*>(created.value().data()), int(created.value().size()));
    m_valid = true;
}

std::unique_ptr<Session> TestNursery::signIn(const QString& user, const QByteArray& password)
{
    auto session = Session::signIn(m_dataDir, user, password, m_clock);
    if (!session) {
        qWarning("sign-in failed: %s", qPrintable(session.errorMessage()));
        return nullptr;
    }
    return session.take();
}

bool TestNursery::addStaff(const QString& userName, const QString& displayName, Role role, const QByteArray& password)
{
    auto session = signIn();
    if (!session)
        return false;
    StaffAccounts accounts(*session);
    auto created = accounts.create(displayName, userName, role, password);
    if (!created) {
        qWarning("could not add staff: %s", qPrintable(created.errorMessage()));
        return false;
    }
    QSqlQuery q(session->database().sql());
    q.prepare(QStringLiteral("UPDATE staff SET must_change_password = 0 WHERE id = ?"));
    q.addBindValue(created.value().id);
    return q.exec();
}

} // namespace Acorn::Test
