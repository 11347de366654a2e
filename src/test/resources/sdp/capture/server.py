# Serves page.html on http://127.0.0.1:18499, stores what the page POSTs to /save/<name> in
# out/<name>, and for POST /answer/<new|old> runs AnswerTool (Chorus's PublishAnswer) on the
# posted offer and returns the answer. See ../SOURCES.md.
import http.server, os, sys
class H(http.server.SimpleHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get('Content-Length', 0))
        body = self.rfile.read(n)
        if self.path.startswith('/answer/'):
            impl = os.path.basename(self.path)
            # argv[1]: classpath with AnswerTool and Chorus's classes; argv[2] (optional): another
            # one (e.g. an older build) used for POST /answer/old
            classes = sys.argv[1] if impl == 'new' else sys.argv[2]
            import subprocess
            out = subprocess.run(['java', '-cp', classes,
                                  'dev.chorus.signaling.media.AnswerTool'],
                                 input=body, capture_output=True).stdout
            with open('out/last-answer-' + impl + '.sdp', 'wb') as f:
                f.write(out)
            self.send_response(200); self.end_headers(); self.wfile.write(out)
            return
        name = os.path.basename(self.path)
        with open(os.path.join('out', name), 'wb') as f:
            f.write(body)
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
os.chdir(os.path.dirname(os.path.abspath(__file__)))
os.makedirs('out', exist_ok=True)
http.server.ThreadingHTTPServer(('127.0.0.1', 18499), H).serve_forever()
