// Writing an observation: typing is saved as a draft a second after it stops; a lock in the middle keeps
// everything and signing in again reopens it; photo consent is explained before submitting, naming the right
// children; submitting says whether it is published or awaiting approval; a picture added through the file-picker
// seam shows its thumbnail; feedback on a returned observation is the first thing its author sees.

#include "Clock.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "crypto/PasswordKdf.h"
#include "journal/ChildChips.h"
#include "journal/ChildJournalPage.h"
#include "journal/ChildTile.h"
#include "journal/ChildrenOverviewPage.h"
#include "journal/ConsentWarningPanel.h"
#include "journal/DraftsPage.h"
#include "journal/JournalEntryCard.h"
#include "journal/JournalPage.h"
#include "journal/MediaAttachmentCard.h"
#include "journal/ObservationEditor.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "journal/TagPicker.h"
#include "lock/LockController.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QCheckBox>
#include <QFrame>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Acorn;
using Acorn::Test::child;

class TestObservationEditor final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testAutosaveAfterPause();
    void testLockMidEditKeepsEverything_data();
    void testLockMidEditKeepsEverything();
    void testConsentWarningNamesTheChildren();
    void testSubmitSaysWhatHappens_data();
    void testSubmitSaysWhatHappens();
    void testAttachedPhotoShowsThumbnail();
    void testReturnedFeedbackComesFirst();

private:
    void signIn(const QString& user);
    JournalPage* journal() const;
    ObservationEditor* newObservation(const QString& childId);
    QString makePng(const QString& name);
    QStringList attach(ObservationEditor* editor, const QStringList& files);

    std::unique_ptr<Test::JournalFixture> m_fixture;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_files;
};

void TestObservationEditor::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestObservationEditor::init()
{
    m_fixture = std::make_unique<Test::JournalFixture>();
    QVERIFY(m_fixture->isValid());
    m_files = std::make_unique<QTemporaryDir>();
    m_lock = std::make_unique<LockController>(m_fixture->nursery().dataDir(), m_fixture->nursery().clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestObservationEditor::cleanup()
{
    m_window.reset();
    m_lock.reset();
    m_fixture.reset();
    m_files.reset();
}

void TestObservationEditor::signIn(const QString& user)
{
    Test::submitSignIn(*m_window, user, QString::fromLatin1(Test::JournalFixture::password()));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
}

JournalPage* TestObservationEditor::journal() const
{
    return m_window->homePage() ? m_window->homePage()->journalPage() : nullptr;
}

// From the overview (no child) or from the child's journal (that child chosen).
ObservationEditor* TestObservationEditor::newObservation(const QString& childId)
{
    if (!childId.isEmpty()) {
        QTest::mouseClick(journal()->overviewPage()->tile(childId), Qt::LeftButton);
        if (journal()->currentPage() != journal()->childJournalPage())
            return nullptr;
    }
    QTest::mouseClick(journal()->newObservationButton(), Qt::LeftButton);
    return journal()->editor();
}

QString TestObservationEditor::makePng(const QString& name)
{
    QImage image(640, 480, QImage::Format_RGB32);
    image.fill(QColor(250, 226, 160));
    QPainter painter(&image);
    painter.setBrush(QColor(70, 120, 200));
    painter.drawEllipse(QPoint(320, 240), 150, 110);
    painter.end();
    const QString path = m_files->filePath(name);
    return image.save(path, "PNG") ? path : QString();
}

QStringList TestObservationEditor::attach(ObservationEditor* editor, const QStringList& files)
{
    int asked = 0;
    editor->setFilePicker([&asked, files](QWidget*) {
        ++asked;
        return files;
    });
    QTest::mouseClick(editor->addMediaButton(), Qt::LeftButton);
    QStringList ids;
    for (const MediaAttachmentCard* card : editor->attachments())
        ids << card->mediaId();
    return asked == 1 ? ids : QStringList();
}

void TestObservationEditor::testAutosaveAfterPause()
{
    signIn(QStringLiteral("pia"));
    ObservationEditor* editor = newObservation(m_fixture->ava);
    QVERIFY(editor);
    const QString text = QStringLiteral("Ava stacked five cups and said five.");
    QTest::keyClicks(editor->textEdit(), text);
    Observations observations(*m_lock->session());
    // Not on every key...
    QVERIFY(observations.myDrafts().isEmpty());
    QCOMPARE(child<QLabel>(editor, "autosaveStateLabel")->text(), QStringLiteral("Saving…"));
    // ...but a second after the typing stops, in the database.
    QTRY_COMPARE(observations.myDrafts().size(), 1);
    const Observation draft = observations.myDrafts().first();
    QCOMPARE(draft.text, text);
    QCOMPARE(draft.childIds, QStringList({m_fixture->ava}));
    QCOMPARE(draft.observedAt, m_lock->clock().now());
    QCOMPARE(editor->observationId(), draft.id);
    QVERIFY(child<QLabel>(editor, "autosaveStateLabel")->text().startsWith(QStringLiteral("Saved")));

    // Later changes are saved into the same draft: next steps, a tag, "an hour ago", staff only.
    QTest::keyClicks(editor->nextStepsEdit(), QStringLiteral("Offer bigger cups."));
    QTreeWidgetItem* speaking = editor->tagPicker()->itemFor(QStringLiteral("eyfs.cl.speaking"));
    QVERIFY(speaking);
    speaking->setCheckState(0, Qt::Checked);
    QTest::mouseClick(child<QPushButton>(editor, "observed60Button"), Qt::LeftButton);
    editor->staffOnlyCheckBox()->setChecked(true);
    QTRY_COMPARE(observations.byId(draft.id)->nextSteps, QStringLiteral("Offer bigger cups."));
    const Observation saved = *observations.byId(draft.id);
    QCOMPARE(saved.tags, QList<ObservationTag>({{QStringLiteral("eyfs-2024"), QStringLiteral("eyfs.cl.speaking")}}));
    QCOMPARE(saved.observedAt, m_lock->clock().now().addSecs(-3600));
    QVERIFY(saved.staffOnly);
    QCOMPARE(observations.myDrafts().size(), 1);
}

void TestObservationEditor::testLockMidEditKeepsEverything_data()
{
    QTest::addColumn<bool>("childChosen");
    QTest::newRow("from the child's journal") << true;
    QTest::newRow("before choosing a child") << false;
}

void TestObservationEditor::testLockMidEditKeepsEverything()
{
    QFETCH(bool, childChosen);
    signIn(QStringLiteral("pia"));
    ObservationEditor* editor = newObservation(childChosen ? m_fixture->ben : QString());
    QVERIFY(editor);
    const QString text = QStringLiteral("Ben found a snail under the log and watched it for ages.");
    QTest::keyClicks(editor->textEdit(), text);
    // The lock comes before the autosave would have.
    m_lock->lock();
    QVERIFY(m_lock->isLocked());
    QVERIFY(!m_lock->session());

    Test::submitSignIn(*m_window, QStringLiteral("pia"), QString::fromLatin1(Test::JournalFixture::password()));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    // Straight back where they were.
    editor = journal()->editor();
    QVERIFY(editor);
    QCOMPARE(journal()->currentPage(), editor);
    QCOMPARE(editor->textEdit()->toPlainText(), text);
    QVERIFY(child<QFrame>(editor, "resumedBanner")->isVisible());
    QCOMPARE(editor->childChips()->selectedIds(), childChosen ? QStringList({m_fixture->ben}) : QStringList());

    // And it is in My drafts, kept encrypted in the database.
    QCOMPARE(DraftsPage::countFor(*m_lock), 1);
    if (childChosen) {
        const auto drafts = Observations(*m_lock->session()).myDrafts();
        QCOMPARE(drafts.size(), 1);
        QCOMPARE(drafts.first().text, text);
    } else {
        // Choosing the child makes it a draft like any other.
        QTest::mouseClick(editor->childChips()->chip(m_fixture->ben), Qt::LeftButton);
        QTRY_COMPARE(Observations(*m_lock->session()).myDrafts().size(), 1);
        QCOMPARE(Observations(*m_lock->session()).myDrafts().first().text, text);
        QCOMPARE(DraftsPage::countFor(*m_lock), 1);
    }
    // Closed, it waits in My drafts and opens again.
    QTest::mouseClick(journal()->backButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal()->editor());
    QCOMPARE(child<QLabel>(journal(), "journalStatusLabel")->text(),
             QStringLiteral("Your observation is kept in My drafts."));
    QTest::mouseClick(journal()->myDraftsButton(), Qt::LeftButton);
    QCOMPARE(journal()->currentPage(), journal()->draftsPage());
    auto* item = child<QFrame>(journal()->draftsPage(), "draftItem");
    QVERIFY(item);
    QTest::mouseClick(child<QPushButton>(item, "continueDraftButton"), Qt::LeftButton);
    QVERIFY(journal()->editor());
    QCOMPARE(journal()->editor()->textEdit()->toPlainText(), text);
}

void TestObservationEditor::testConsentWarningNamesTheChildren()
{
    signIn(QStringLiteral("pia"));
    ObservationEditor* editor = newObservation(m_fixture->ava);
    QVERIFY(editor);
    // A group observation: Ava (consent yes) and Ben (consent no).
    QTest::mouseClick(editor->childChips()->chip(m_fixture->ben), Qt::LeftButton);
    QTest::keyClicks(editor->textEdit(), QStringLiteral("Ava and Ben took turns on the see-saw."));
    const QStringList ids = attach(editor, {makePng("seesaw.png"), makePng("snack.png")});
    QCOMPARE(ids.size(), 2);
    // Photo 1: both children; photo 2: Ava alone.
    MediaAttachmentCard* second = editor->attachments().at(1);
    QTest::mouseClick(second->appearingChips()->chip(m_fixture->ben), Qt::LeftButton);
    QCOMPARE(second->appearing(), QStringList({m_fixture->ava}));
    QTRY_COMPARE(ObservationMedia(*m_lock->session()).of(editor->observationId()).at(1).childIds,
                 QStringList({m_fixture->ava}));
    // The photo itself says so already.
    QCOMPARE(child<QLabel>(editor->attachments().at(0), "attachmentConsentLabel")->text(),
             QStringLiteral("This photo will not appear in Ava's journal, because Ben's photo may not be shown in "
                            "other children's journals."));
    QVERIFY(child<QLabel>(second, "attachmentConsentLabel")->isHidden());

    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    ConsentWarningPanel* panel = editor->consentPanel();
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->messages(),
             QStringList({"Photo 1 will not appear in Ava's journal, because Ben's photo may not be "
                          "shown in other children's journals."}));
    QCOMPARE(child<QLabel>(panel, "consentWarningLabel")->text(), panel->messages().first());
    // Nothing submitted yet.
    QCOMPARE(Observations(*m_lock->session()).byId(editor->observationId())->status, ObservationStatus::Draft);

    // Change: take Ben out of photo 1; no more warning, and it goes.
    QTest::mouseClick(panel->changeButton(), Qt::LeftButton);
    QVERIFY(!panel->isVisible());
    QTest::mouseClick(editor->attachments().at(0)->appearingChips()->chip(m_fixture->ben), Qt::LeftButton);
    const QString id = editor->observationId();
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal()->editor());
    QCOMPARE(Observations(*m_lock->session()).byId(id)->status, ObservationStatus::Submitted);
}

void TestObservationEditor::testSubmitSaysWhatHappens_data()
{
    QTest::addColumn<bool>("approvalRequired");
    QTest::addColumn<QString>("said");
    QTest::addColumn<int>("status");
    QTest::newRow("approval required") << true << QStringLiteral("Awaiting approval")
                                       << int(ObservationStatus::Submitted);
    QTest::newRow("no approval") << false << QStringLiteral("Published") << int(ObservationStatus::Published);
}

void TestObservationEditor::testSubmitSaysWhatHappens()
{
    QFETCH(bool, approvalRequired);
    QFETCH(QString, said);
    QFETCH(int, status);
    signIn(QStringLiteral("pia"));
    QVERIFY(m_lock->session()->settings().setValue(SettingsStore::Key::ApprovalRequired, approvalRequired,
                                                   m_lock->session()->staff().id));
    ObservationEditor* editor = newObservation(m_fixture->cal);
    QVERIFY(editor);
    QCOMPARE(editor->submitButton()->text(),
             approvalRequired ? QStringLiteral("Send for approval") : QStringLiteral("Publish to the journal"));
    // Core's refusal, in its own words.
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QCOMPARE(editor->errorLabel()->text(), QStringLiteral("Write what you saw before submitting."));
    QVERIFY(journal()->editor());

    QTest::keyClicks(editor->textEdit(), QStringLiteral("Cal sang the whole of the tidy-up song."));
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal()->editor());
    auto* label = child<QLabel>(journal(), "journalStatusLabel");
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(said), qPrintable(label->text()));
    QCOMPARE(journal()->currentPage(), journal()->childJournalPage());
    const auto cards = journal()->childJournalPage()->cards();
    QCOMPARE(cards.size(), 1);
    QCOMPARE(int(cards.first()->entry().observation.status), status);
    QVERIFY(Observations(*m_lock->session()).myDrafts().isEmpty());
}

void TestObservationEditor::testAttachedPhotoShowsThumbnail()
{
    signIn(QStringLiteral("pia"));
    ObservationEditor* editor = newObservation(QString());
    QVERIFY(editor);
    // No child yet: the editor asks for one first and does not open the picker.
    QCOMPARE(attach(editor, {makePng("a.png")}), QStringList());
    QCOMPARE(editor->errorLabel()->text(),
             QStringLiteral("First choose who this observation is about, then add photos."));

    QTest::mouseClick(editor->childChips()->chip(m_fixture->cal), Qt::LeftButton);
    const QStringList ids = attach(editor, {makePng("painting.png")});
    QCOMPARE(ids.size(), 1);
    MediaAttachmentCard* card = editor->attachments().first();
    QCOMPARE(card->title(), QStringLiteral("Photo 1"));
    QLabel* thumbnail = card->thumbnailLabel();
    QTRY_COMPARE(thumbnail->property("thumbnailOf").toString(), ids.first());
    QVERIFY(!thumbnail->pixmap().isNull());
    QCOMPARE(thumbnail->pixmap().size(), thumbnail->size() * thumbnail->devicePixelRatioF());
    // Stored with the chosen child appearing in it, on a draft that now exists.
    const auto media = ObservationMedia(*m_lock->session()).of(editor->observationId());
    QCOMPARE(media.size(), 1);
    QCOMPARE(media.first().childIds, QStringList({m_fixture->cal}));
    QCOMPARE(media.first().kind, MediaKind::Photo);

    // A file that is no picture is refused in plain words, and nothing is added.
    const QString notes = m_files->filePath(QStringLiteral("notes.txt"));
    QFile file(notes);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a photo");
    file.close();
    QCOMPARE(attach(editor, {notes}).size(), 1);
    QVERIFY2(editor->errorLabel()->text().startsWith(QStringLiteral("Acorn can attach photos")),
             qPrintable(editor->errorLabel()->text()));

    // Removing it.
    QTest::mouseClick(child<QPushButton>(card, "removeAttachmentButton"), Qt::LeftButton);
    QVERIFY(editor->attachments().isEmpty());
    QVERIFY(ObservationMedia(*m_lock->session()).of(editor->observationId()).isEmpty());
}

void TestObservationEditor::testReturnedFeedbackComesFirst()
{
    // Pia writes, Rita (room leader) returns it with feedback — before anyone opens the app.
    QString id;
    {
        auto pia = m_fixture->signIn(QStringLiteral("pia"));
        QVERIFY(pia);
        Observations observations(*pia);
        auto draft = observations.createDraft({m_fixture->ava});
        QVERIFY(draft);
        Observation o = draft.value();
        o.text = QStringLiteral("Ava played.");
        QVERIFY(observations.saveDraft(o));
        QVERIFY(observations.submit(o.id));
        id = o.id;
        pia->end(Session::EndReason::SignOut);
        auto rita = m_fixture->signIn(QStringLiteral("rita"));
        QVERIFY(rita);
        QVERIFY(Observations(*rita).returnToAuthor(id, QStringLiteral("Say what she played and what it shows.")));
        rita->end(Session::EndReason::SignOut);
    }
    signIn(QStringLiteral("pia"));
    QCOMPARE(journal()->myDraftsButton()->text(), QStringLiteral("My drafts (1)"));
    QTest::mouseClick(journal()->myDraftsButton(), Qt::LeftButton);
    auto* item = child<QFrame>(journal()->draftsPage(), "draftItem");
    QVERIFY(item);
    QCOMPARE(child<QLabel>(item, "draftFeedbackLabel")->text(),
             QStringLiteral("Feedback: “Say what she played and what it shows.”"));
    QTest::mouseClick(child<QPushButton>(item, "continueDraftButton"), Qt::LeftButton);
    ObservationEditor* editor = journal()->editor();
    QVERIFY(editor);
    QCOMPARE(editor->status(), ObservationStatus::Returned);
    QVERIFY(child<QFrame>(editor, "returnedBanner")->isVisible());
    QVERIFY(child<QLabel>(editor, "returnedFeedbackLabel")->text().contains(QStringLiteral("Rita Cobble")));
    QVERIFY(child<QLabel>(editor, "returnedFeedbackLabel")
                ->text()
                .contains(QStringLiteral("Say what she played and what it shows.")));
    QVERIFY(!child<QPushButton>(editor, "discardObservationButton")->isVisible());
    QCOMPARE(editor->submitButton()->text(), QStringLiteral("Send again for approval"));

    QTest::keyClicks(editor->textEdit(), QStringLiteral(" She poured water between jugs: early measuring."));
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal()->editor());
    const auto o = Observations(*m_lock->session()).byId(id);
    QCOMPARE(o->status, ObservationStatus::Submitted);
    QCOMPARE(o->text, QStringLiteral("Ava played. She poured water between jugs: early measuring."));
}

QTEST_MAIN(TestObservationEditor)
#include "tst_observationeditor.moc"
