#pragma once

#include "TestNursery.h"

#include "domain/Child.h"

#include <QStringList>

namespace Acorn::Test {

// A nursery with two rooms, a practitioner in each, a room leader in the first, and children with known consent:
//   Seedlings: ava (consent yes), ben (consent no), cal (not recorded)
//   Saplings:  dot (consent yes)
// Accounts: mabel (manager), pia (practitioner, Seedlings), sam (practitioner, Saplings), rita (room leader,
// Seedlings). All passwords are Password() below.
class JournalFixture final
{
public:
    JournalFixture();

    static QByteArray password() { return "Quiet-Harbour-81"; }
    bool isValid() const { return m_valid; }
    TestNursery& nursery() { return m_nursery; }
    std::unique_ptr<Session> signIn(const QString& user);

    QString seedlings, saplings;
    QString ava, ben, cal, dot;
    QString pia, sam, rita, mabel;

    // Inserts a media row on an observation directly (for rule tests that need no real file).
    static bool addMedia(Session& session, const QString& observationId, const QString& mediaId,
                         const QStringList& appearingChildIds);

private:
    TestNursery m_nursery;
    bool m_valid = false;
};

} // namespace Acorn::Test
