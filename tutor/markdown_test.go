package tutor

// ready draws something with its lesson texts drawn by Glamour first, as
// the model does over two messages (the frame's texts are asked for in
// Update, drawn in a command, and brought back into the cache).
func ready(ctx *Context, draw func() string) string {
	var missing []mdKey
	ctx.collect = &missing
	draw()
	ctx.collect = nil
	out := map[mdKey]string{}
	for _, k := range missing {
		out[k] = ctx.md.render(k, ctx.Theme)
	}
	ctx.md.store(renderedMsg{out})
	return draw()
}
