// The parent portal under attack. Two settings' worth of synced rows are written into a server's store (as devices
// would sync them), accounts and sessions are made in process, and then the real acorn-server is walked over HTTP
// with a signed-in parent's session: every page and action with other children's ids, another parent's items,
// unpublished and staff-only observations and another setting's ids is refused or shows nothing of them, and no
// response carries their text, names or media ids. Also: CSRF and cross-site posts refused, hostile names and replies
// escaped, a media link bound to the guardian who got it, sessions rotated at sign-in and ended at sign-out, and
// uploads checked by content (a polyglot, a zip named .jpg, a decompression bomb) refused with a plain message.
#include "ServerProcess.h"

#include "Clock.h"
#include "ServerApp.h"
#include "demo/DemoPictures.h"
#include "domain/Ids.h"
#include "media/MediaUploads.h"
#include "portal/PortalAuth.h"
#include "portal/PortalJournal.h"
#include "portal/PortalServer.h"
#include "store/ServerStore.h"
#include "sync/SyncEntities.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Acorn;
using namespace Acorn::Server;
using namespace Acorn::Test;

namespace {
struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray location;
    QList<QByteArray> setCookies;
};

QByteArray jpeg(int kind, int seed)
{
    return DemoPictures::make(kind, quint32(seed), 320, 240);
}
} // namespace

class TestPortalSecurity final : public QObject
{
    Q_OBJECT

    ServerProcess m_server;
    QNetworkAccessManager m_network;
    // Setting A: Ava (Rosa's), Ben (Hugo's, consent no), Cal (consent yes). Setting B: Xena.
    QString m_settingA, m_settingB;
    QString m_ava, m_ben, m_cal, m_xena;
    QString m_rosa, m_hugo, m_aunt, m_other; // guardians: Rosa (Ava), Hugo (Ben), an aunt of Ava, one in setting B
    QString m_group;
    QString m_published, m_staffOnly, m_submitted, m_bens, m_hugosPending, m_xenas;
    QString m_avaPhoto, m_avaWithBen, m_bensPhoto, m_hugosPhoto, m_xenasPhoto;
    QString m_rosaToken, m_hugoToken;
    QStringList m_secrets; // texts, names and ids that must never reach Rosa

    Answer request(const QByteArray& method, const QString& path, const QString& token, const QByteArray& body = {},
                   const QByteArray& contentType = "application/x-www-form-urlencoded", const QByteArray& origin = {})
    {
        QNetworkRequest r(m_server.url().resolved(QUrl(path)));
        if (!token.isEmpty())
            r.setRawHeader("Cookie", PortalServer::CookieName + '=' + token.toLatin1());
        if (!body.isEmpty() || method == "POST")
            r.setRawHeader("Content-Type", contentType);
        if (!origin.isEmpty())
            r.setRawHeader("Origin", origin);
        r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_network.sendCustomRequest(r, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(20000);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.location = reply->rawHeader("Location");
        for (const auto& [name, value] : reply->rawHeaderPairs())
            if (name.compare("Set-Cookie", Qt::CaseInsensitive) == 0)
                a.setCookies << value;
        reply->deleteLater();
        return a;
    }

    // The CSRF token of Rosa's session, as her pages carry it.
    QByteArray csrf(const QString& token)
    {
        const Answer page = request("GET", QStringLiteral("/portal/journal"), token);
        const auto match = QRegularExpression(QStringLiteral("name=\"csrf\" value=\"([^\"]+)\""))
                               .match(QString::fromUtf8(page.body));
        return match.captured(1).toLatin1();
    }

    void assertNothingLeaks(const Answer& a, const QString& what)
    {
        const QString body = QString::fromUtf8(a.body);
        for (const QString& secret : std::as_const(m_secrets))
            QVERIFY2(!body.contains(secret), qPrintable(QStringLiteral("%1 leaked \"%2\"").arg(what, secret)));
    }

    static QByteArray row(const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

private slots:
    void initTestCase()
    {
        const QString codeA = m_server.createSetting(QStringLiteral("Hazel Lane Test Nursery"));
        const QString codeB = m_server.createSetting(QStringLiteral("Other Test Nursery"));
        QVERIFY(!codeA.isEmpty() && !codeB.isEmpty());
        ServerApp app(ServerOptions {m_server.dataDir()});
        QVERIFY(app.open());
        ServerStore& store = app.store();
        // Devices of each setting (the rows below are written as a device would push them).
        const QString deviceA = Ids::newId();
        const QString deviceB = Ids::newId();
        auto enrolA = store.enrol(codeA, deviceA, QStringLiteral("Office"), QStringLiteral("a").repeated(64));
        auto enrolB = store.enrol(codeB, deviceB, QStringLiteral("Office"), QStringLiteral("b").repeated(64));
        QVERIFY(enrolA && enrolB);
        m_settingA = enrolA.value().settingId;
        m_settingB = enrolB.value().settingId;
        const QString now = Ids::toIso(QDateTime::currentDateTimeUtc());
        const auto write = [&](const QString& setting, const QString& entity, const QString& id, QJsonObject data) {
            data.insert(QStringLiteral("id"), id);
            data.insert(QStringLiteral("created_at"), now);
            data.insert(QStringLiteral("updated_at"), now);
            data.insert(QStringLiteral("revision"), 1);
            data.insert(QStringLiteral("deleted"), 0);
            auto done = store.writeServerChanges(setting, QStringLiteral("test-device"),
                                                 {ServerChange {entity, id, 0, false, row(data)}});
            return done && done.value();
        };
        const auto child = [&](const QString& setting, const QString& name, const QString& consent) {
            const QString id = Ids::newId();
            write(setting, QStringLiteral("child"), id,
                  {{"first_name", name}, {"last_name", "Testling"}, {"photo_consent", consent}, {"status", "active"}});
            return id;
        };
        m_ava = child(m_settingA, QStringLiteral("Ava"), QStringLiteral("yes"));
        m_ben = child(m_settingA, QStringLiteral("Benedikt"), QStringLiteral("no"));
        m_cal = child(m_settingA, QStringLiteral("Calloway"), QStringLiteral("yes"));
        m_xena = child(m_settingB, QStringLiteral("Xenophonia"), QStringLiteral("yes"));
        const auto guardian = [&](const QString& setting, const QString& name, const QStringList& children) {
            const QString id = Ids::newId();
            QJsonArray links;
            for (const QString& c : children)
                links.append(QJsonObject {{"child_id", c}, {"relationship", "parent"}, {"deleted", 0}});
            write(setting, QStringLiteral("guardian"), id,
                  {{"name", name}, {"agreement_version", 1}, {"agreement_signed_at", now}, {"children", links}});
            return id;
        };
        m_rosa = guardian(m_settingA, QStringLiteral("Rosa Example"), {m_ava});
        m_hugo = guardian(m_settingA, QStringLiteral("Hugo Hiddenparent"), {m_ben});
        m_aunt = guardian(m_settingA, QStringLiteral("Aunt <img src=x onerror=alert(1)>"), {m_ava});
        m_other = guardian(m_settingB, QStringLiteral("Olga Otherparent"), {m_xena});
        const auto media
            = [&](const QString& setting, const QString& observation, const QStringList& children, int seed) {
                  const QString id = Ids::newId();
                  const QByteArray bytes = jpeg(seed % 6, seed);
                  const auto stored
                      = app.media().storeWhole(DeviceIdentity {QStringLiteral("test-device"), setting}, id, bytes);
                  if (stored.kind != MediaUploads::Outcome::Kind::Ok)
                      qFatal("could not store media");
                  write(setting, QStringLiteral("media_item"), id,
                        {{"observation_id", observation},
                         {"kind", "photo"},
                         {"sha256",
                          QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toBase64())},
                         {"size", bytes.size()},
                         {"children", QJsonArray::fromStringList(children)}});
                  return id;
              };
        const auto observation = [&](const QString& setting, const QStringList& children, const QString& text,
                                     const QString& status, bool staffOnly, const QString& guardianAuthor = {}) {
            const QString id = Ids::newId();
            write(setting, QStringLiteral("observation"), id,
                  {{"observed_at", now},
                   {"text", text},
                   {"status", status},
                   {"staff_only", staffOnly ? 1 : 0},
                   {"author_guardian_id",
                    guardianAuthor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(guardianAuthor)},
                   {"children", QJsonArray::fromStringList(children)}});
            return id;
        };
        m_published = observation(m_settingA, {m_ava}, QStringLiteral("Ava sorted shells by size."),
                                  QStringLiteral("published"), false);
        m_avaPhoto = media(m_settingA, m_published, {m_ava}, 1);
        m_avaWithBen = media(m_settingA, m_published, {m_ava, m_ben}, 2);
        m_staffOnly = observation(m_settingA, {m_ava}, QStringLiteral("STAFF-ONLY safeguarding note"),
                                  QStringLiteral("published"), true);
        m_submitted = observation(m_settingA, {m_ava}, QStringLiteral("UNPUBLISHED draft about Ava"),
                                  QStringLiteral("submitted"), false);
        m_bens = observation(m_settingA, {m_ben}, QStringLiteral("BENS-OWN climbing frame"),
                             QStringLiteral("published"), false);
        m_bensPhoto = media(m_settingA, m_bens, {m_ben}, 3);
        m_hugosPending = observation(m_settingA, {m_ben}, QStringLiteral("HUGOS-PENDING home baking"),
                                     QStringLiteral("pending"), false, m_hugo);
        m_hugosPhoto = media(m_settingA, m_hugosPending, {m_ben}, 4);
        m_xenas = observation(m_settingB, {m_xena}, QStringLiteral("XENAS-SETTING painting"),
                              QStringLiteral("published"), false);
        m_xenasPhoto = media(m_settingB, m_xenas, {m_xena}, 5);
        // Replies under Rosa's observation: one hostile, from the aunt; one from staff with markup.
        write(m_settingA, QStringLiteral("comment"), Ids::newId(),
              {{"observation_id", m_published},
               {"author_guardian_id", m_aunt},
               {"text", QStringLiteral("AUNTS-REPLY <script>alert('aunt')</script> lovely")}});
        write(m_settingA, QStringLiteral("comment"), Ids::newId(),
              {{"observation_id", m_bens}, {"author_guardian_id", m_hugo}, {"text", QStringLiteral("HUGOS-REPLY")}});
        // The nursery's reply under Rosa's observation, with markup in it (staff write plain text; it must stay so).
        write(m_settingA, QStringLiteral("comment"), Ids::newId(),
              {{"observation_id", m_published},
               {"author_staff_id", Ids::newId()},
               {"text", QStringLiteral("<script>alert('staff')</script> well done")}});
        // A group observation of Ava and Ben: Hugo (Ben's) replies; Rosa (Ava's) must not see what he wrote.
        m_group = observation(m_settingA, {m_ava, m_ben}, QStringLiteral("Ava and Ben shared the blocks."),
                              QStringLiteral("published"), false);
        write(m_settingA, QStringLiteral("comment"), Ids::newId(),
              {{"observation_id", m_group},
               {"author_guardian_id", m_hugo},
               {"text", QStringLiteral("HUGOS-GROUP-REPLY")}});

        // Accounts: Rosa and Hugo accepted invitations (in process: the same code path as the accept page).
        PortalAuth auth(store, Clock::system());
        const auto account = [&](const QString& guardianId, const QString& child, const QString& email) {
            auto invitation = auth.invite(DeviceIdentity {deviceA, m_settingA}, guardianId, {child});
            if (!invitation)
                qFatal("invite: %s", qPrintable(invitation.errorMessage()));
            auto signedIn
                = auth.accept(invitation.value().code, email, QStringLiteral("kettle orchard lantern sparrow"), {});
            if (!signedIn)
                qFatal("accept: %s", qPrintable(signedIn.errorMessage()));
            return signedIn.value().token;
        };
        m_rosaToken = account(m_rosa, m_ava, QStringLiteral("rosa@example.invalid"));
        m_hugoToken = account(m_hugo, m_ben, QStringLiteral("hugo@example.invalid"));

        m_secrets = {QStringLiteral("STAFF-ONLY"),
                     QStringLiteral("UNPUBLISHED"),
                     QStringLiteral("BENS-OWN"),
                     QStringLiteral("HUGOS-PENDING"),
                     QStringLiteral("HUGOS-REPLY"),
                     QStringLiteral("HUGOS-GROUP-REPLY"),
                     QStringLiteral("AUNTS-REPLY"),
                     QStringLiteral("XENAS-SETTING"),
                     QStringLiteral("Benedikt"),
                     QStringLiteral("Xenophonia"),
                     QStringLiteral("Hugo Hiddenparent"),
                     QStringLiteral("Olga Otherparent"),
                     m_avaWithBen,
                     m_bensPhoto,
                     m_hugosPhoto,
                     m_xenasPhoto,
                     m_staffOnly,
                     m_submitted,
                     m_bens,
                     m_hugosPending,
                     m_xenas,
                     m_ben,
                     m_xena,
                     m_hugo,
                     m_other};
        QVERIFY(m_server.start());
    }

    void testEveryPageWithOthersIdsShowsNothingOfThem()
    {
        const QStringList foreignChildren {m_ben, m_xena, m_cal, QStringLiteral("not-an-id"), QString()};
        for (const QString& child : foreignChildren) {
            for (const QString& path :
                 {QStringLiteral("/portal/journal?child=%1"), QStringLiteral("/portal/add?child=%1"),
                  QStringLiteral("/portal/journal?child=%1&page=1")}) {
                const Answer a = request("GET", path.arg(child), m_rosaToken);
                QVERIFY2(a.status == 200 || a.status == 303 || a.status == 404, qPrintable(path.arg(child)));
                assertNothingLeaks(a, path.arg(child));
            }
        }
        for (const QString& path : {QStringLiteral("/portal/mine"), QStringLiteral("/portal/journal"),
                                    QStringLiteral("/portal/agreement"), QStringLiteral("/portal/consent")})
            assertNothingLeaks(request("GET", path, m_rosaToken), path);
        // Her own journal has her photo, not the one with Ben in it.
        const Answer journal = request("GET", QStringLiteral("/portal/journal"), m_rosaToken);
        QVERIFY(journal.body.contains(m_avaPhoto.toLatin1()));
        QVERIFY(journal.body.contains("Ava sorted shells by size."));
    }

    void testActionsOnOthersItemsAreRefusedAndWriteNothing()
    {
        const QByteArray token = csrf(m_rosaToken);
        QVERIFY(!token.isEmpty());
        for (const QString& observation : {m_staffOnly, m_submitted, m_bens, m_hugosPending, m_xenas,
                                           QStringLiteral("00000000-0000-4000-8000-000000000000")}) {
            const Answer a = request("POST", QStringLiteral("/portal/reply"), m_rosaToken,
                                     "csrf=" + token + "&observation=" + observation.toLatin1()
                                         + "&child=" + m_ava.toLatin1() + "&text=sneaky");
            QCOMPARE(a.status, 404);
            assertNothingLeaks(a, QStringLiteral("reply to ") + observation);
        }
        for (const QString& child : {m_ben, m_xena, m_cal}) {
            QByteArray body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"child\"\r\n\r\n" + child.toLatin1()
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nsneaky\r\n--XyZ--\r\n";
            const Answer a = request("POST", QStringLiteral("/portal/add"), m_rosaToken, body,
                                     "multipart/form-data; boundary=XyZ");
            QCOMPARE(a.status, 404);
        }
        const Answer consent = request("POST", QStringLiteral("/portal/consent"), m_rosaToken,
                                       "csrf=" + token + "&consent-" + m_ben.toLatin1() + "=yes");
        QCOMPARE(consent.status, 400);
        // Nothing was written: the server's change log holds no "sneaky" anywhere.
        m_server.stop();
        {
            ServerApp app(ServerOptions {m_server.dataDir()});
            QVERIFY(app.open());
            auto page = app.store().pull(m_settingA, 0, 1000);
            QVERIFY(page);
            for (const auto& change : page.value().changes)
                QVERIFY2(!change.data.contains("sneaky"), qPrintable(change.entity));
            auto ben = app.store().entity(m_settingA, QStringLiteral("child"), m_ben);
            QVERIFY(ben.value()->state.data.contains("\"photo_consent\":\"no\""));
        }
        QVERIFY(m_server.start());
    }

    void testCsrfAndCrossSitePostsAreRefused()
    {
        const QByteArray token = csrf(m_rosaToken);
        const QByteArray body = "observation=" + m_published.toLatin1() + "&child=" + m_ava.toLatin1() + "&text=hello";
        QCOMPARE(request("POST", QStringLiteral("/portal/reply"), m_rosaToken, body).status, 403);
        QCOMPARE(request("POST", QStringLiteral("/portal/reply"), m_rosaToken, "csrf=wrong&" + body).status, 403);
        // Hugo's token is not Rosa's.
        QCOMPARE(request("POST", QStringLiteral("/portal/reply"), m_rosaToken, "csrf=" + csrf(m_hugoToken) + "&" + body)
                     .status,
                 403);
        QCOMPARE(request("POST", QStringLiteral("/portal/reply"), m_rosaToken, "csrf=" + token + "&" + body, {},
                         "https://evil.example")
                     .status,
                 403);
        QCOMPARE(request("POST", QStringLiteral("/portal/sign-out"), m_rosaToken, "csrf=wrong").status, 403);
        // A sandboxed frame elsewhere posts with Origin "null": refused, even for the forms without a session.
        QCOMPARE(request("POST", QStringLiteral("/portal/reply"), m_rosaToken, "csrf=" + token + "&" + body, {}, "null")
                     .status,
                 403);
        QCOMPARE(request("POST", QStringLiteral("/portal/sign-in"), QString(),
                         "email=rosa%40example.invalid&password=kettle+orchard+lantern+sparrow", {}, "null")
                     .status,
                 403);
        // With the token it works (and the text is kept as text).
        const Answer ok = request("POST", QStringLiteral("/portal/reply"), m_rosaToken, "csrf=" + token + "&" + body);
        QCOMPARE(ok.status, 303);
    }

    void testHostileTextIsEscapedAndOtherFamiliesRepliesStayHidden()
    {
        const Answer journal = request("GET", QStringLiteral("/portal/journal"), m_rosaToken);
        QVERIFY(!journal.body.contains("<script>alert"));
        QVERIFY(journal.body.contains("&lt;script&gt;alert(&#39;staff&#39;)&lt;/script&gt; well done"));
        // The group observation is there; what Ben's father wrote under it is not, nor the aunt's reply, nor her name.
        QVERIFY(journal.body.contains("Ava and Ben shared the blocks."));
        QVERIFY(!journal.body.contains("HUGOS-GROUP-REPLY"));
        QVERIFY(!journal.body.contains("AUNTS-REPLY"));
        QVERIFY(!journal.body.contains("Aunt &lt;img"));
    }

    void testAChildTheNurseryUnlinkedStaysUnlinked()
    {
        // A device removes Rosa's link to Ava (say, a court order); the portal must not put it back, however often
        // Rosa visits, and shows her nothing of Ava.
        m_server.stop();
        {
            ServerApp app(ServerOptions {m_server.dataDir()});
            QVERIFY(app.open());
            auto current = app.store().entity(m_settingA, QStringLiteral("guardian"), m_rosa);
            QVERIFY(current && current.value());
            QJsonObject g = QJsonDocument::fromJson(current.value()->state.data).object();
            QJsonArray links = g.value("children").toArray();
            QJsonObject link = links.at(0).toObject();
            link.insert("deleted", 1);
            links.replace(0, link);
            g.insert("children", links);
            auto done = app.store().writeServerChanges(
                m_settingA, QStringLiteral("test-device"),
                {ServerChange {QStringLiteral("guardian"), m_rosa, current.value()->state.revision, false, row(g)}});
            QVERIFY(done && done.value());
        }
        QVERIFY(m_server.start());
        for (int i = 0; i < 2; ++i) {
            const Answer journal = request("GET", QStringLiteral("/portal/journal"), m_rosaToken);
            QCOMPARE(journal.status, 200);
            QVERIFY(!journal.body.contains("Ava sorted shells"));
            QVERIFY(journal.body.contains("not linked a child"));
        }
        m_server.stop();
        {
            ServerApp app(ServerOptions {m_server.dataDir()});
            QVERIFY(app.open());
            auto current = app.store().entity(m_settingA, QStringLiteral("guardian"), m_rosa);
            const QJsonObject link = QJsonDocument::fromJson(current.value()->state.data)
                                         .object()
                                         .value("children")
                                         .toArray()
                                         .at(0)
                                         .toObject();
            QCOMPARE(link.value("deleted").toInt(), 1);
            // Put it back as it was for the tests after this one.
            QJsonObject g = QJsonDocument::fromJson(current.value()->state.data).object();
            QJsonArray links = g.value("children").toArray();
            QJsonObject restored = links.at(0).toObject();
            restored.insert("deleted", 0);
            links.replace(0, restored);
            g.insert("children", links);
            auto done = app.store().writeServerChanges(
                m_settingA, QStringLiteral("test-device"),
                {ServerChange {QStringLiteral("guardian"), m_rosa, current.value()->state.revision, false, row(g)}});
            QVERIFY(done && done.value());
        }
        QVERIFY(m_server.start());
        QVERIFY(request("GET", QStringLiteral("/portal/journal"), m_rosaToken).body.contains("Ava sorted shells"));
    }

    void testMediaLinksAreBoundToTheirGuardianAndTheSession()
    {
        const Answer journal = request("GET", QStringLiteral("/portal/journal"), m_rosaToken);
        const auto match = QRegularExpression(QStringLiteral("src=\"(/portal/media/[^\"]+)\""))
                               .match(QString::fromUtf8(journal.body));
        QVERIFY(match.hasMatch());
        const QString link = match.captured(1).replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        const Answer mine = request("GET", link, m_rosaToken);
        QCOMPARE(mine.status, 200);
        QVERIFY(mine.body.startsWith("\xFF\xD8"));
        QCOMPARE(request("GET", link, QString()).status, 404); // no session
        QCOMPARE(request("GET", link, m_hugoToken).status, 404); // another parent's session
        // The same signature with another media id, another child, a later expiry: all refused.
        QString swapped = link;
        swapped.replace(m_avaPhoto, m_avaWithBen);
        QCOMPARE(request("GET", swapped, m_rosaToken).status, 404);
        QString otherChild = link;
        otherChild.replace(m_ava, m_ben);
        QCOMPARE(request("GET", otherChild, m_rosaToken).status, 404);
        QString later = link;
        later.replace(QRegularExpression(QStringLiteral("e=(\\d+)")), QStringLiteral("e=99999999999"));
        QCOMPARE(request("GET", later, m_rosaToken).status, 404);
        // Ranges, for video players.
        QNetworkRequest ranged(m_server.url().resolved(QUrl(link)));
        ranged.setRawHeader("Cookie", PortalServer::CookieName + '=' + m_rosaToken.toLatin1());
        ranged.setRawHeader("Range", "bytes=0-9");
        QNetworkReply* reply = m_network.get(ranged);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 206);
        QCOMPARE(reply->readAll().size(), 10);
        QCOMPARE(reply->rawHeader("Content-Disposition"), QByteArray("inline"));
        reply->deleteLater();
    }

    void testUploadsAreCheckedByContent()
    {
        const QByteArray token = csrf(m_rosaToken);
        const auto upload = [&](const QByteArray& fileName, const QByteArray& bytes) {
            const QByteArray body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"child\"\r\n\r\n" + m_ava.toLatin1()
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nFrom home\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n" + bytes + "\r\n--XyZ--\r\n";
            return request("POST", QStringLiteral("/portal/add"), m_rosaToken, body,
                           "multipart/form-data; boundary=XyZ");
        };
        // A zip archive named .jpg.
        QByteArray zip("PK\x03\x04", 4);
        zip += QByteArray(2000, 'A');
        Answer a = upload("holiday.jpg", zip);
        QCOMPARE(a.status, 415);
        QVERIFY2(a.body.contains("is not a photo or a video"), a.body.constData());
        // A real JPEG with an archive after it (a polyglot).
        a = upload("polyglot.jpg", jpeg(1, 9) + zip);
        QCOMPARE(a.status, 415);
        QVERIFY2(a.body.contains("something hidden after the picture"), a.body.constData());
        // A decompression bomb: a tiny PNG that claims 20000 × 20000 pixels.
        QImage huge(20000, 20000, QImage::Format_Mono);
        huge.fill(0);
        QByteArray bomb;
        QBuffer buffer(&bomb);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(huge.save(&buffer, "PNG"));
        QVERIFY(bomb.size() < 1024 * 1024);
        a = upload("bomb.png", bomb);
        QCOMPARE(a.status, 400);
        QVERIFY2(a.body.contains("could not be read as a photo"), a.body.constData());
        // An honest photo goes through.
        a = upload("beans.jpg", jpeg(2, 11));
        QCOMPARE(a.status, 303);
        // A phone's MP4 goes through without where it was filmed: the copy the portal serves has no location in it.
        const auto box = [](const char* type, const QByteArray& payload) {
            const quint32 size = quint32(8 + payload.size());
            QByteArray b;
            b.append(char(size >> 24)).append(char(size >> 16)).append(char(size >> 8)).append(char(size));
            return b + QByteArray(type, 4) + payload;
        };
        const QByteArray video = box("ftyp", QByteArray("isom\0\0\x02\0isomiso2", 16))
            + box("moov",
                  box("mvhd", QByteArray(100, '\x02')) + box("udta", box("\xA9xyz", QByteArray("+51.5074-000.1278/"))))
            + box("mdat", QByteArray(2048, '\x5a'));
        a = upload("garden.mp4", video);
        QCOMPARE(a.status, 303);
        const Answer mine = request("GET", QStringLiteral("/portal/mine"), m_rosaToken);
        const auto videoLink = QRegularExpression(QStringLiteral("<video src=\"(/portal/media/[^\"]+)\""))
                                   .match(QString::fromUtf8(mine.body));
        QVERIFY2(videoLink.hasMatch(), mine.body.constData());
        const Answer served
            = request("GET", videoLink.captured(1).replace(QStringLiteral("&amp;"), QStringLiteral("&")), m_rosaToken);
        QCOMPARE(served.status, 200);
        QCOMPARE(served.body.size(), video.size());
        QVERIFY(!served.body.contains("+51.5074"));
        QVERIFY(served.body.contains(QByteArray(2048, '\x5a')));
    }

    void testResumableUploadsBelongToTheirParent()
    {
        const auto call = [&](const QByteArray& method, const QString& path, const QString& token,
                              const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body = {}) {
            QNetworkRequest r(m_server.url().resolved(QUrl(path)));
            r.setRawHeader("Cookie", PortalServer::CookieName + '=' + token.toLatin1());
            for (const auto& [name, value] : headers)
                r.setRawHeader(name, value);
            QNetworkReply* reply = m_network.sendCustomRequest(r, method, body);
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(20000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray answer = reply->readAll();
            reply->deleteLater();
            return std::pair {status, answer};
        };
        const QByteArray photo = jpeg(3, 21);
        const QByteArray sha = QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex();
        const QByteArray rosaCsrf = csrf(m_rosaToken);
        const QByteArray hugoCsrf = csrf(m_hugoToken);
        const QString start
            = QStringLiteral("/portal/uploads?size=%1&sha256=%2").arg(photo.size()).arg(QString::fromLatin1(sha));
        QCOMPARE(call("POST", start, m_rosaToken, {}).first, 403); // no CSRF header
        const auto started = call("POST", start, m_rosaToken, {{"X-CSRF-Token", rosaCsrf}});
        QCOMPARE(started.first, 200);
        const QString id = QJsonDocument::fromJson(started.second).object().value("upload_id").toString();
        QVERIFY(!id.isEmpty());
        const QList<QPair<QByteArray, QByteArray>> chunkHeaders {{"X-CSRF-Token", rosaCsrf}, {"X-Chunk-Sha256", sha}};
        // Another parent can neither see, add to, finish nor use it.
        QCOMPARE(call("GET", QStringLiteral("/portal/uploads/") + id, m_hugoToken, {}).first, 404);
        QCOMPARE(call("PUT", QStringLiteral("/portal/uploads/%1/chunks/0").arg(id), m_hugoToken,
                      {{"X-CSRF-Token", hugoCsrf}, {"X-Chunk-Sha256", sha}}, photo)
                     .first,
                 404);
        QCOMPARE(call("PUT", QStringLiteral("/portal/uploads/%1/chunks/0").arg(id), m_rosaToken,
                      {{"X-Chunk-Sha256", sha}}, photo)
                     .first,
                 403);
        // A damaged chunk is refused and not kept; the right one is.
        QByteArray damaged = photo;
        damaged[100] = char(damaged[100] ^ 0x55);
        QCOMPARE(call("PUT", QStringLiteral("/portal/uploads/%1/chunks/0").arg(id), m_rosaToken, chunkHeaders, damaged)
                     .first,
                 400);
        QCOMPARE(
            call("PUT", QStringLiteral("/portal/uploads/%1/chunks/0").arg(id), m_rosaToken, chunkHeaders, photo).first,
            204);
        const auto status = call("GET", QStringLiteral("/portal/uploads/") + id, m_rosaToken, {});
        QCOMPARE(status.first, 200);
        QVERIFY(QJsonDocument::fromJson(status.second).object().value("complete").toBool());
        const auto form = [&](const QByteArray& token) {
            return "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"child\"\r\n\r\n" + m_ava.toLatin1()
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nUploaded in chunks\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"upload\"\r\n\r\n" + id.toLatin1()
                + "\r\n--XyZ--\r\n";
        };
        const Answer stolen = request("POST", QStringLiteral("/portal/add"), m_hugoToken, form(hugoCsrf),
                                      "multipart/form-data; boundary=XyZ");
        QCOMPARE(stolen.status, 404);
        const Answer added = request("POST", QStringLiteral("/portal/add"), m_rosaToken, form(rosaCsrf),
                                     "multipart/form-data; boundary=XyZ");
        QCOMPARE(added.status, 303);
        const Answer mine = request("GET", QStringLiteral("/portal/mine"), m_rosaToken);
        QVERIFY(mine.body.contains("Uploaded in chunks"));
        // Starting files without ever sending them stops at a cap (a full disk is everyone's problem).
        int opened = 0;
        int refusedWith = 0;
        for (int i = 0; i < PortalServer::MaxOpenUploads + 2 && refusedWith == 0; ++i) {
            const auto answer = call("POST", start, m_rosaToken, {{"X-CSRF-Token", rosaCsrf}});
            if (answer.first == 200)
                ++opened;
            else
                refusedWith = answer.first;
        }
        QCOMPARE(refusedWith, 429);
        QCOMPARE(opened, PortalServer::MaxOpenUploads);
    }

    void testTwoStepSignIn()
    {
        // Hugo turns it on: the page gives a key; a code from it (as an authenticator app makes it) switches it on.
        const Answer setup = request("GET", QStringLiteral("/portal/account/two-factor"), m_hugoToken);
        QCOMPARE(setup.status, 200);
        const QString secret = QRegularExpression(QStringLiteral("name=\"secret\" value=\"([A-Z2-7]+)\""))
                                   .match(QString::fromUtf8(setup.body))
                                   .captured(1);
        QCOMPARE(secret.size(), 32);
        const QByteArray token = csrf(m_hugoToken);
        QCOMPARE(request("POST", QStringLiteral("/portal/account/two-factor"), m_hugoToken,
                         "csrf=" + token + "&password=kettle+orchard+lantern+sparrow&secret=" + secret.toLatin1()
                             + "&code=000000")
                     .status,
                 400);
        const QString now = PortalAuth::totpCode(secret, QDateTime::currentDateTimeUtc());
        QCOMPARE(request("POST", QStringLiteral("/portal/account/two-factor"), m_hugoToken,
                         "csrf=" + token + "&password=kettle+orchard+lantern+sparrow&secret=" + secret.toLatin1()
                             + "&code=" + now.toLatin1())
                     .status,
                 303);
        // Signing in now: the password alone opens nothing but the code page.
        const Answer first = request("POST", QStringLiteral("/portal/sign-in"), QString(),
                                     "email=hugo%40example.invalid&password=kettle+orchard+lantern+sparrow");
        QCOMPARE(first.status, 303);
        QCOMPARE(first.location, QByteArray("/portal/sign-in/code"));
        const QString pending
            = QString::fromLatin1(first.setCookies.first().mid(PortalServer::CookieName.size() + 1).split(';').first());
        for (const QString& path :
             {QStringLiteral("/portal/journal"), QStringLiteral("/portal/mine"), QStringLiteral("/portal/account")}) {
            const Answer a = request("GET", path, pending);
            QCOMPARE(a.status, 303);
            QCOMPARE(a.location, QByteArray("/portal/sign-in/code"));
        }
        const Answer codePage = request("GET", QStringLiteral("/portal/sign-in/code"), pending);
        const QByteArray pendingCsrf = QRegularExpression(QStringLiteral("name=\"csrf\" value=\"([^\"]+)\""))
                                           .match(QString::fromUtf8(codePage.body))
                                           .captured(1)
                                           .toLatin1();
        QCOMPARE(
            request("POST", QStringLiteral("/portal/sign-in/code"), pending, "csrf=" + pendingCsrf + "&code=123456")
                .status,
            401);
        // The code used to switch it on cannot be used again; the next one can, once.
        QCOMPARE(request("POST", QStringLiteral("/portal/sign-in/code"), pending,
                         "csrf=" + pendingCsrf + "&code=" + now.toLatin1())
                     .status,
                 401);
        const QString next = PortalAuth::totpCode(secret, QDateTime::currentDateTimeUtc().addSecs(30));
        const Answer done = request("POST", QStringLiteral("/portal/sign-in/code"), pending,
                                    "csrf=" + pendingCsrf + "&code=" + next.toLatin1());
        QCOMPARE(done.status, 303);
        QCOMPARE(done.location, QByteArray("/portal/journal"));
        const QString full
            = QString::fromLatin1(done.setCookies.first().mid(PortalServer::CookieName.size() + 1).split(';').first());
        QVERIFY(full != pending);
        QCOMPARE(request("GET", QStringLiteral("/portal/journal"), full).status, 200);
        QCOMPARE(request("GET", QStringLiteral("/portal/journal"), pending).status, 303); // the half session is gone
        // Sign out everywhere ends every session of Hugo's, the one in use too.
        QCOMPARE(request("POST", QStringLiteral("/portal/sign-out-everywhere"), full, "csrf=" + csrf(full)).status,
                 303);
        QCOMPARE(request("GET", QStringLiteral("/portal/journal"), full).status, 303);
        QCOMPARE(request("GET", QStringLiteral("/portal/journal"), m_hugoToken).status, 303);
        // A new password (a reset) does not get round it: the session it opens still waits for the code.
        m_server.stop();
        {
            ServerApp app(ServerOptions {m_server.dataDir()});
            QVERIFY(app.open());
            auto account = app.store().accountByGuardian(m_hugo);
            QVERIFY(account && account.value());
            PortalAuth auth(app.store(), Clock::system());
            auto reset = auth.invite(DeviceIdentity {QStringLiteral("portal"), m_settingA}, m_hugo, {m_ben}, 1);
            QVERIFY(reset);
            auto signedIn = auth.accept(reset.value().code, QStringLiteral("hugo@example.invalid"),
                                        QStringLiteral("kettle orchard lantern sparrow"), {});
            QVERIFY2(signedIn, qPrintable(signedIn.errorMessage()));
            QVERIFY(signedIn.value().session.pendingSecondFactor);
        }
        QVERIFY(m_server.start());
    }

    void testANewAgreementIsAskedForBeforeAnythingElse()
    {
        // The nursery changes the agreement on a device; it syncs up as two setting values.
        m_server.stop();
        {
            ServerApp app(ServerOptions {m_server.dataDir()});
            QVERIFY(app.open());
            const QString now = Ids::toIso(QDateTime::currentDateTimeUtc());
            for (const auto& [key, value] :
                 {std::pair {QStringLiteral("guardians.agreement_version"), QStringLiteral("2")},
                  {QStringLiteral("guardians.agreement_text"),
                   QStringLiteral("Version two: photos stay in the journal. <b>Always</b>.")}}) {
                const QString id = SyncEntities::settingValueId(key);
                auto existing = app.store().entity(m_settingA, QStringLiteral("setting_value"), id);
                QVERIFY(existing);
                const qint64 base = existing.value() ? existing.value()->state.revision : 0;
                auto done = app.store().writeServerChanges(
                    m_settingA, QStringLiteral("test-device"),
                    {ServerChange {QStringLiteral("setting_value"), id, base, false,
                                   row({{"key", key}, {"value", value}, {"updated_at", now}})}});
                QVERIFY(done && done.value());
            }
        }
        QVERIFY(m_server.start());
        for (const QString& path : {QStringLiteral("/portal/journal"), QStringLiteral("/portal/mine"),
                                    QStringLiteral("/portal/add"), QStringLiteral("/portal/account")}) {
            const Answer a = request("GET", path, m_rosaToken);
            QCOMPARE(a.status, 303);
            QCOMPARE(a.location, QByteArray("/portal/agreement"));
        }
        const Answer agreement = request("GET", QStringLiteral("/portal/agreement"), m_rosaToken);
        QVERIFY(agreement.body.contains("Version two: photos stay in the journal. &lt;b&gt;Always&lt;/b&gt;."));
        QVERIFY(agreement.body.contains("name=\"version\" value=\"2\""));
        // Signing the old version (a stale form) is refused; the new one opens the journal again.
        const QByteArray token = QRegularExpression(QStringLiteral("name=\"csrf\" value=\"([^\"]+)\""))
                                     .match(QString::fromUtf8(agreement.body))
                                     .captured(1)
                                     .toLatin1();
        QCOMPARE(request("POST", QStringLiteral("/portal/agreement"), m_rosaToken,
                         "csrf=" + token + "&version=1&agree=yes&typed_name=Rosa+Example")
                     .status,
                 400);
        QCOMPARE(request("POST", QStringLiteral("/portal/agreement"), m_rosaToken,
                         "csrf=" + token + "&version=2&agree=yes&typed_name=Rosa+Example")
                     .status,
                 303);
        QCOMPARE(request("GET", QStringLiteral("/portal/journal"), m_rosaToken).status, 200);
    }

    void testWatermarkWritesTheParentsName()
    {
        const auto photoBytes = [&] {
            const Answer journal = request("GET", QStringLiteral("/portal/journal"), m_rosaToken);
            QString link = QRegularExpression(QStringLiteral("src=\"(/portal/media/%1[^\"]+)\"").arg(m_avaPhoto))
                               .match(QString::fromUtf8(journal.body))
                               .captured(1);
            link.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
            return request("GET", link, m_rosaToken).body;
        };
        const QByteArray original = jpeg(1, 1);
        QCOMPARE(photoBytes(), original); // off: the stored photo, byte for byte
        m_server.stop();
        {
            ServerApp app(ServerOptions {m_server.dataDir()});
            QVERIFY(app.open());
            const QString id = SyncEntities::settingValueId(QStringLiteral("portal.watermark"));
            auto done = app.store().writeServerChanges(
                m_settingA, QStringLiteral("test-device"),
                {ServerChange {QStringLiteral("setting_value"), id, 0, false,
                               row({{"key", "portal.watermark"}, {"value", "true"}})}});
            QVERIFY(done && done.value());
        }
        QVERIFY(m_server.start());
        const QByteArray marked = photoBytes();
        QVERIFY(marked.startsWith("\xFF\xD8"));
        QVERIFY(marked != original);
        const QImage before = QImage::fromData(original, "JPEG");
        const QImage after = QImage::fromData(marked, "JPEG");
        QCOMPARE(after.size(), before.size());
        // The mark is visible: a good share of the pixels changed noticeably.
        int changed = 0;
        for (int y = 0; y < after.height(); y += 4)
            for (int x = 0; x < after.width(); x += 4)
                if (qAbs(qGray(after.pixel(x, y)) - qGray(before.pixel(x, y))) > 24)
                    ++changed;
        QVERIFY2(changed > (after.width() / 4) * (after.height() / 4) / 50, qPrintable(QString::number(changed)));
    }

    void testSessionsRotateAndEnd()
    {
        // Signing in again gives a new token; signing out ends the old one on the server.
        const Answer first = request("POST", QStringLiteral("/portal/sign-in"), QString(),
                                     "email=rosa%40example.invalid&password=kettle+orchard+lantern+sparrow");
        QCOMPARE(first.status, 303);
        QCOMPARE(first.setCookies.size(), 1);
        const QByteArray cookie = first.setCookies.first();
        QVERIFY(cookie.startsWith(PortalServer::CookieName + '='));
        QVERIFY(cookie.contains("; Secure") && cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax")
                && cookie.contains("; Path=/"));
        const QString token = QString::fromLatin1(cookie.mid(PortalServer::CookieName.size() + 1).split(';').first());
        QVERIFY(token != m_rosaToken);
        QCOMPARE(request("GET", QStringLiteral("/portal/journal"), token).status, 200);
        const Answer out = request("POST", QStringLiteral("/portal/sign-out"), token, "csrf=" + csrf(token));
        QCOMPARE(out.status, 303);
        QCOMPARE(request("GET", QStringLiteral("/portal/journal"), token).status, 303); // back to sign-in
        // Wrong passwords: the same answer for a known and an unknown address, then a wait.
        const Answer wrong = request("POST", QStringLiteral("/portal/sign-in"), QString(),
                                     "email=rosa%40example.invalid&password=nope");
        const Answer unknown = request("POST", QStringLiteral("/portal/sign-in"), QString(),
                                       "email=nobody%40example.invalid&password=nope");
        QCOMPARE(wrong.status, 401);
        QCOMPARE(unknown.status, 401);
        QVERIFY(wrong.body.contains("do not match") && unknown.body.contains("do not match"));
        for (int i = 0; i < 3; ++i)
            request("POST", QStringLiteral("/portal/sign-in"), QString(), "email=rosa%40example.invalid&password=nope");
        QCOMPARE(request("POST", QStringLiteral("/portal/sign-in"), QString(),
                         "email=rosa%40example.invalid&password=kettle+orchard+lantern+sparrow")
                     .status,
                 429);
    }
};

QTEST_GUILESS_MAIN(TestPortalSecurity)
#include "tst_portalsecurity.moc"
