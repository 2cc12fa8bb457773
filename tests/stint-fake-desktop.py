#!/usr/bin/python3
# stint-fake-desktop.py: stand-ins for the desktop services Stint asks about
# idle time, sleep and global shortcuts, on the bus a test gives it.
#
#   --mutter       org.gnome.Mutter.IdleMonitor   GetIdletime (ms)
#   --screensaver  org.freedesktop.ScreenSaver    GetSessionIdleTime, in ms
#                  as KDE's (which also owns org.kde.screensaver), or with
#                  --seconds in seconds as the gnome-screensaver family
#   --logind       org.freedesktop.login1         GetSession, Session
#                  IdleHint/IdleSinceHint, Inhibit, PrepareForSleep/Shutdown
#   --portal       org.freedesktop.portal.Desktop GlobalShortcuts (v1)
#   --background   org.freedesktop.portal.Desktop Background: RequestBackground
#
# The test drives it through io.github.stintapp.Stint.FakeDesktop (owned
# last, so once it appears everything else is there):
#   SetIdletime(t ms)  SetIdleHint(b idle, t since_usec)  PrepareForSleep(b)
#   PrepareForShutdown(b)  InhibitorHeld() -> b  Activate(s shortcut_id)
#   BoundShortcuts() -> a(sa{sv})  Calls() -> as (methods called so far)
#   SetBackgroundAnswer(u response, b allow)  how RequestBackground answers
#     (default 0, true: granted as asked)
#   BackgroundRequests() -> aa{sv} (the options of each RequestBackground)
#
# Runs until killed. Needs Debian's python3-gi (/usr/bin/python3).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import select
import sys
import time

from gi.repository import Gio, GLib

XML = '''
<node>
  <interface name="org.gnome.Mutter.IdleMonitor">
    <method name="GetIdletime"><arg type="t" direction="out"/></method>
  </interface>
  <interface name="org.freedesktop.ScreenSaver">
    <method name="GetSessionIdleTime"><arg type="u" direction="out"/></method>
  </interface>
  <interface name="org.freedesktop.login1.Manager">
    <method name="GetSession">
      <arg type="s" direction="in"/><arg type="o" direction="out"/>
    </method>
    <method name="Inhibit">
      <arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="h" direction="out"/>
    </method>
    <signal name="PrepareForSleep"><arg type="b"/></signal>
    <signal name="PrepareForShutdown"><arg type="b"/></signal>
  </interface>
  <interface name="org.freedesktop.login1.Session">
    <property name="IdleHint" type="b" access="read"/>
    <property name="IdleSinceHint" type="t" access="read"/>
  </interface>
  <interface name="org.freedesktop.portal.GlobalShortcuts">
    <method name="CreateSession">
      <arg type="a{sv}" direction="in"/><arg type="o" direction="out"/>
    </method>
    <method name="BindShortcuts">
      <arg type="o" direction="in"/><arg type="a(sa{sv})" direction="in"/>
      <arg type="s" direction="in"/><arg type="a{sv}" direction="in"/>
      <arg type="o" direction="out"/>
    </method>
    <signal name="Activated">
      <arg type="o"/><arg type="s"/><arg type="t"/><arg type="a{sv}"/>
    </signal>
    <signal name="Deactivated">
      <arg type="o"/><arg type="s"/><arg type="t"/><arg type="a{sv}"/>
    </signal>
    <property name="version" type="u" access="read"/>
  </interface>
  <interface name="org.freedesktop.portal.Background">
    <method name="RequestBackground">
      <arg type="s" direction="in"/><arg type="a{sv}" direction="in"/>
      <arg type="o" direction="out"/>
    </method>
  </interface>
  <interface name="io.github.stintapp.Stint.FakeDesktop">
    <method name="SetIdletime"><arg type="t" direction="in"/></method>
    <method name="SetIdleHint">
      <arg type="b" direction="in"/><arg type="t" direction="in"/>
    </method>
    <method name="PrepareForSleep"><arg type="b" direction="in"/></method>
    <method name="PrepareForShutdown"><arg type="b" direction="in"/></method>
    <method name="InhibitorHeld"><arg type="b" direction="out"/></method>
    <method name="Activate"><arg type="s" direction="in"/></method>
    <method name="BoundShortcuts"><arg type="a(sa{sv})" direction="out"/></method>
    <method name="Calls"><arg type="as" direction="out"/></method>
    <method name="SetBackgroundAnswer">
      <arg type="u" direction="in"/><arg type="b" direction="in"/>
    </method>
    <method name="BackgroundRequests"><arg type="aa{sv}" direction="out"/></method>
  </interface>
</node>
'''

SESSION_PATH = '/org/freedesktop/login1/session/_31'
PORTAL_PATH = '/org/freedesktop/portal/desktop'


class Fake:
    def __init__(self, bus, args):
        self.bus = bus
        self.args = args
        self.idletime_ms = 0
        self.idle_hint = False
        self.idle_since_usec = 0
        self.inhibitors = []       # read ends of the pipes handed out
        self.calls = []
        self.shortcuts = GLib.Variant('a(sa{sv})', [])
        self.sessions = []
        self.background_answer = (0, True)
        self.background_requests = []
        self.node = Gio.DBusNodeInfo.new_for_xml(XML)

    def export(self, path, iface):
        self.bus.register_object(path, self.node.lookup_interface(iface),
                                 self.on_call, self.on_get_property, None)

    def emit(self, path, iface, name, args, destination=None):
        self.bus.emit_signal(destination, path, iface, name, args)

    # -------------------------------------------------------- requests
    def respond(self, sender, token, results, response=0):
        """A portal request object and its Response, the way the portal
        names them: .../request/SENDER/TOKEN."""
        path = '%s/request/%s/%s' % (PORTAL_PATH, sender[1:].replace('.', '_'), token)
        # Answer after the method returns, as the real portal does.
        GLib.idle_add(lambda: self.emit(path, 'org.freedesktop.portal.Request', 'Response',
                                        GLib.Variant('(ua{sv})', (response, results)), sender) and False)
        return path

    # -------------------------------------------------------- D-Bus
    def on_call(self, conn, sender, path, iface, method, params, invocation):
        self.calls.append(method)
        if method == 'GetIdletime':
            invocation.return_value(GLib.Variant('(t)', (self.idletime_ms,)))
        elif method == 'GetSessionIdleTime':
            value = self.idletime_ms // 1000 if self.args.seconds else self.idletime_ms
            invocation.return_value(GLib.Variant('(u)', (value,)))
        elif method == 'GetSession':
            if params.unpack()[0] not in ('auto', 'self', '1'):
                invocation.return_dbus_error('org.freedesktop.login1.NoSuchSession', 'no such session')
                return
            invocation.return_value(GLib.Variant('(o)', (SESSION_PATH,)))
        elif method == 'Inhibit':
            what, who, why, mode = params.unpack()
            r, w = os.pipe()
            self.inhibitors.append(r)
            fds = Gio.UnixFDList.new_from_array([w])
            invocation.return_value_with_unix_fd_list(GLib.Variant('(h)', (0,)), fds)
        elif method == 'CreateSession':
            options = params.unpack()[0]
            session = '%s/session/%s/%s' % (PORTAL_PATH, sender[1:].replace('.', '_'),
                                            options['session_handle_token'])
            self.sessions.append(session)
            path = self.respond(sender, options['handle_token'],
                                {'session_handle': GLib.Variant('s', session)})
            invocation.return_value(GLib.Variant('(o)', (path,)))
        elif method == 'BindShortcuts':
            session, shortcuts, parent, options = params.unpack()
            self.shortcuts = params.get_child_value(1)      # as sent, for BoundShortcuts
            self.portal_sender = sender
            bound = GLib.Variant('a(sa{sv})', [
                (sid, {'description': GLib.Variant('s', props.get('description', '')),
                       'trigger_description': GLib.Variant('s', props.get('preferred_trigger', ''))})
                for sid, props in shortcuts])
            path = self.respond(sender, options['handle_token'], {'shortcuts': bound})
            invocation.return_value(GLib.Variant('(o)', (path,)))
        elif method == 'RequestBackground':
            parent, options = params.unpack()
            self.background_requests.append(params.get_child_value(1))
            response, allow = self.background_answer
            results = {}
            if response == 0:
                results = {'background': GLib.Variant('b', allow),
                           'autostart': GLib.Variant('b', allow and options.get('autostart', False))}
            path = self.respond(sender, options['handle_token'], results, response)
            invocation.return_value(GLib.Variant('(o)', (path,)))
        elif method == 'SetBackgroundAnswer':
            self.background_answer = params.unpack()
            invocation.return_value(None)
        elif method == 'BackgroundRequests':
            invocation.return_value(GLib.Variant.new_tuple(
                GLib.Variant.new_array(GLib.VariantType('a{sv}'), self.background_requests)))
        elif method == 'SetIdletime':
            self.idletime_ms = params.unpack()[0]
            invocation.return_value(None)
        elif method == 'SetIdleHint':
            self.idle_hint, self.idle_since_usec = params.unpack()
            invocation.return_value(None)
        elif method in ('PrepareForSleep', 'PrepareForShutdown'):
            self.emit('/org/freedesktop/login1', 'org.freedesktop.login1.Manager', method,
                      GLib.Variant('(b)', params.unpack()))
            invocation.return_value(None)
        elif method == 'InhibitorHeld':
            invocation.return_value(GLib.Variant('(b)', (self.inhibitor_held(),)))
        elif method == 'Activate':
            sid = params.unpack()[0]
            for name in ('Activated', 'Deactivated'):
                self.emit(PORTAL_PATH, 'org.freedesktop.portal.GlobalShortcuts', name,
                          GLib.Variant('(osta{sv})', (self.sessions[-1], sid,
                                                      int(time.time() * 1000), {})),
                          self.portal_sender)
            invocation.return_value(None)
        elif method == 'BoundShortcuts':
            invocation.return_value(GLib.Variant.new_tuple(self.shortcuts))
        elif method == 'Calls':
            invocation.return_value(GLib.Variant('(as)', (self.calls,)))
        else:
            invocation.return_dbus_error('org.freedesktop.DBus.Error.UnknownMethod', method)

    def on_get_property(self, conn, sender, path, iface, name):
        if name == 'IdleHint':
            return GLib.Variant('b', self.idle_hint)
        if name == 'IdleSinceHint':
            return GLib.Variant('t', self.idle_since_usec)
        if name == 'version':
            return GLib.Variant('u', 1)
        return None

    def inhibitor_held(self):
        """An inhibitor is held while its pipe's write end is open."""
        held = []
        for r in self.inhibitors:
            readable, _, _ = select.select([r], [], [], 0)
            if readable and os.read(r, 1) == b'':
                os.close(r)      # EOF: the client closed its end
            else:
                held.append(r)
        self.inhibitors = held
        return len(held) > 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--address', help='bus address (default: the session bus)')
    for name in ('mutter', 'screensaver', 'seconds', 'logind', 'portal', 'background'):
        parser.add_argument('--' + name, action='store_true')
    args = parser.parse_args()

    if args.address:
        bus = Gio.DBusConnection.new_for_address_sync(
            args.address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
    else:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    fake = Fake(bus, args)

    names = []
    if args.mutter:
        fake.export('/org/gnome/Mutter/IdleMonitor/Core', 'org.gnome.Mutter.IdleMonitor')
        names.append('org.gnome.Mutter.IdleMonitor')
    if args.screensaver:
        fake.export('/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver')
        fake.export('/ScreenSaver', 'org.freedesktop.ScreenSaver')
        names.append('org.freedesktop.ScreenSaver')
        if not args.seconds:
            names.append('org.kde.screensaver')    # KDE's counts milliseconds
    if args.logind:
        fake.export('/org/freedesktop/login1', 'org.freedesktop.login1.Manager')
        fake.export(SESSION_PATH, 'org.freedesktop.login1.Session')
        names.append('org.freedesktop.login1')
    if args.portal:
        fake.export(PORTAL_PATH, 'org.freedesktop.portal.GlobalShortcuts')
        names.append('org.freedesktop.portal.Desktop')
    if args.background:
        fake.export(PORTAL_PATH, 'org.freedesktop.portal.Background')
        if 'org.freedesktop.portal.Desktop' not in names:
            names.append('org.freedesktop.portal.Desktop')
    fake.export('/io/github/stintapp/Stint/FakeDesktop', 'io.github.stintapp.Stint.FakeDesktop')
    names.append('io.github.stintapp.Stint.FakeDesktop')

    for name in names:
        reply = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'RequestName',
                              GLib.Variant('(su)', (name, 4)), None,
                              Gio.DBusCallFlags.NONE, -1, None)
        if reply.unpack()[0] != 1:
            sys.exit('could not own ' + name)

    GLib.MainLoop().run()


if __name__ == '__main__':
    main()
