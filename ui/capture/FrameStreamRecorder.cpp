#include "capture/FrameStreamRecorder.h"

#include "capture/CaptureLogging.h"
#include "capture/FrameSource.h"

#include <QFile>
#include <QImage>
#include <QTimer>
#include <QVideoFrame>

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include <cstring>

namespace Acorn {

namespace {
constexpr const char* RequiredElements[] = {"appsrc", "videoconvert", "videoscale", "vp8enc", "webmmux", "filesink"};
constexpr GstClockTime StopTimeout = 10 * GST_SECOND;

bool ensureGstreamer()
{
    static const bool ok = [] {
        GError* error = nullptr;
        const bool initialised = gst_init_check(nullptr, nullptr, &error);
        if (error)
            g_error_free(error);
        return initialised;
    }();
    return ok;
}

QString userMessageFor(const GError* error)
{
    if (error && error->domain == GST_RESOURCE_ERROR
        && (error->code == GST_RESOURCE_ERROR_NO_SPACE_LEFT || error->code == GST_RESOURCE_ERROR_WRITE
            || error->code == GST_RESOURCE_ERROR_OPEN_WRITE)) {
        return FrameStreamRecorder::tr("The recording stopped: there is no room left in memory to record into. "
                                       "Close other apps and try a shorter recording.");
    }
    return FrameStreamRecorder::tr("The recording stopped because of a problem with the video encoder.");
}
} // namespace

FrameStreamRecorder::FrameStreamRecorder(FrameSource& source, const RecordingPreset& preset, QObject* parent)
    : Recorder(parent)
    , m_source(&source)
    , m_preset(preset)
    , m_busTimer(new QTimer(this))
{
    m_busTimer->setInterval(100);
    connect(m_busTimer, &QTimer::timeout, this, &FrameStreamRecorder::pollBus);
}

FrameStreamRecorder::~FrameStreamRecorder()
{
    teardown();
}

bool FrameStreamRecorder::isAvailable(QString* missing)
{
    if (!ensureGstreamer()) {
        if (missing)
            *missing = QStringLiteral("gstreamer");
        return false;
    }
    for (const char* name : RequiredElements) {
        GstElementFactory* factory = gst_element_factory_find(name);
        if (!factory) {
            if (missing)
                *missing = QString::fromLatin1(name);
            return false;
        }
        gst_object_unref(factory);
    }
    return true;
}

void FrameStreamRecorder::start(const QString& filePath)
{
    if (m_pipeline)
        return;
    m_path = filePath;
    QString missing;
    if (!isAvailable(&missing)) {
        qCWarning(lcCapture, "GStreamer element missing: %s", qUtf8Printable(missing));
        emit failed(QString(),
                    tr("Video recording is not installed on this device (a GStreamer part is missing). "
                       "Ask your IT contact to run Acorn's set-up again."));
        return;
    }
    if (!m_source || !m_source->isActive()) {
        emit failed(QString(), tr("The camera is not running, so there is nothing to record."));
        return;
    }

    const QString description
        = QStringLiteral("appsrc name=src is-live=true format=time do-timestamp=false block=false "
                         "max-bytes=67108864 ! queue ! videoconvert ! videoscale ! "
                         "video/x-raw,format=I420,width=%1,height=%2,pixel-aspect-ratio=1/1 ! "
                         "vp8enc deadline=1 cpu-used=8 threads=2 end-usage=cbr target-bitrate=%3 "
                         "keyframe-max-dist=%4 ! webmmux name=mux ! filesink name=sink")
              .arg(m_preset.videoSize.width())
              .arg(m_preset.videoSize.height())
              .arg(m_preset.videoBitRate)
              .arg(m_preset.frameRate * 2);
    GError* error = nullptr;
    m_pipeline = gst_parse_launch(description.toUtf8().constData(), &error);
    if (error) {
        qCWarning(lcCapture, "recording pipeline: %s", error->message);
        g_error_free(error);
        if (m_pipeline)
            gst_object_unref(m_pipeline);
        m_pipeline = nullptr;
        emit failed(QString(), tr("Video recording could not start on this device."));
        return;
    }
    m_appsrc = gst_bin_get_by_name(GST_BIN(m_pipeline), "src");
    GstElement* sink = gst_bin_get_by_name(GST_BIN(m_pipeline), "sink");
    g_object_set(sink, "location", QFile::encodeName(filePath).constData(), nullptr);
    gst_object_unref(sink);

    // Caps follow the first frame; later frames of another size are scaled to it.
    m_frameSize = QSize();
    m_frames = 0;
    if (gst_element_set_state(m_pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        teardown();
        emit failed(filePath, tr("Video recording could not start: the recording file could not be made."));
        return;
    }
    m_clock.start();
    m_frameConnection = connect(m_source, &FrameSource::frameAvailable, this, &FrameStreamRecorder::pushFrame);
    m_busTimer->start();
    qCInfo(lcCapture, "video recording started (generated frames)");
    emit started();
    if (m_source->latestFrame().isValid())
        pushFrame(m_source->latestFrame());
}

void FrameStreamRecorder::pushFrame(const QVideoFrame& videoFrame)
{
    if (!m_pipeline || !videoFrame.isValid())
        return;
    QImage image = videoFrame.toImage();
    if (image.isNull())
        return;
    if (!m_frameSize.isValid()) {
        m_frameSize = image.size();
        GstCaps* caps = gst_caps_new_simple("video/x-raw", "format", G_TYPE_STRING, "BGRx", "width", G_TYPE_INT,
                                            m_frameSize.width(), "height", G_TYPE_INT, m_frameSize.height(),
                                            "framerate", GST_TYPE_FRACTION, 0, 1, nullptr);
        gst_app_src_set_caps(GST_APP_SRC(m_appsrc), caps);
        gst_caps_unref(caps);
    }
    if (image.size() != m_frameSize)
        image = image.scaled(m_frameSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    if (image.format() != QImage::Format_RGB32)
        image = image.convertToFormat(QImage::Format_RGB32);

    const gsize rowBytes = gsize(m_frameSize.width()) * 4;
    GstBuffer* buffer = gst_buffer_new_allocate(nullptr, rowBytes * gsize(m_frameSize.height()), nullptr);
    GstMapInfo map;
    if (!gst_buffer_map(buffer, &map, GST_MAP_WRITE)) {
        gst_buffer_unref(buffer);
        return;
    }
    for (int y = 0; y < m_frameSize.height(); ++y)
        std::memcpy(map.data + gsize(y) * rowBytes, image.constScanLine(y), rowBytes);
    gst_buffer_unmap(buffer, &map);
    GST_BUFFER_PTS(buffer) = GstClockTime(m_clock.nsecsElapsed());
    GST_BUFFER_DURATION(buffer) = GST_CLOCK_TIME_NONE;
    if (gst_app_src_push_buffer(GST_APP_SRC(m_appsrc), buffer) == GST_FLOW_OK)
        ++m_frames;
}

void FrameStreamRecorder::stop()
{
    if (!m_pipeline)
        return;
    disconnect(m_frameConnection);
    m_busTimer->stop();
    const QString path = m_path;
    if (m_frames == 0) {
        teardown();
        emit failed(path, tr("Nothing was recorded: the camera sent no pictures."));
        return;
    }
    gst_app_src_end_of_stream(GST_APP_SRC(m_appsrc));
    GstBus* bus = gst_element_get_bus(m_pipeline);
    GstMessage* message
        = gst_bus_timed_pop_filtered(bus, StopTimeout, GstMessageType(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
    gst_object_unref(bus);
    QString problem;
    if (!message) {
        problem = tr("The recording did not finish in time; what was written so far is kept.");
    } else if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
        GError* error = nullptr;
        gst_message_parse_error(message, &error, nullptr);
        qCWarning(lcCapture, "recording failed while stopping: %s", error ? error->message : "?");
        problem = userMessageFor(error);
        if (error)
            g_error_free(error);
    }
    if (message)
        gst_message_unref(message);
    const qint64 frames = m_frames;
    teardown();
    qCInfo(lcCapture, "video recording stopped after %lld frames", frames);
    if (problem.isEmpty())
        emit finished(path);
    else
        emit failed(path, problem);
}

void FrameStreamRecorder::pollBus()
{
    if (!m_pipeline)
        return;
    GstBus* bus = gst_element_get_bus(m_pipeline);
    GstMessage* message = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR);
    gst_object_unref(bus);
    if (!message)
        return;
    GError* error = nullptr;
    gst_message_parse_error(message, &error, nullptr);
    qCWarning(lcCapture, "recording failed: %s", error ? error->message : "?");
    const QString text = userMessageFor(error);
    if (error)
        g_error_free(error);
    gst_message_unref(message);
    fail(text);
}

void FrameStreamRecorder::fail(const QString& message)
{
    disconnect(m_frameConnection);
    m_busTimer->stop();
    const QString path = m_path;
    teardown();
    emit failed(path, message);
}

void FrameStreamRecorder::teardown()
{
    disconnect(m_frameConnection);
    if (m_busTimer)
        m_busTimer->stop();
    if (m_pipeline) {
        gst_element_set_state(m_pipeline, GST_STATE_NULL); // joins the streaming threads; closes the file
        if (m_appsrc)
            gst_object_unref(m_appsrc);
        gst_object_unref(m_pipeline);
    }
    m_appsrc = nullptr;
    m_pipeline = nullptr;
}

} // namespace Acorn
