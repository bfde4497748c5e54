package tutor

import "time"

// idleWarning is how long before the idle lock a learner is warned: the
// session does not close on someone who only stopped to think.
const idleWarning = time.Minute

// warnIfIdle says, above the screen, that the session will close soon,
// once the keyboard has been quiet for all but the last minute of the
// idle lock (checked every idleCheck, so 45 to 60 seconds before). Any
// key clears the warning and the wait starts again.
func (m *model) warnIfIdle() {
	if m.ctx.Session == nil || m.idleLock <= idleWarning || m.notice != "" {
		return
	}
	if m.ctx.now().Sub(m.lastInput) >= m.idleLock-idleWarning {
		m.notice = m.ctx.say("idle_soon")
	}
}

// noticeLine draws the word above the screen: a failed save as a problem,
// the idle warning as a warning.
func (m *model) noticeLine(t Theme, w int) string {
	if m.notice == m.ctx.say("idle_soon") {
		return t.Warn.Render(wrap(sanitize(m.notice), w))
	}
	return problemLine(t, m.notice, w)
}
