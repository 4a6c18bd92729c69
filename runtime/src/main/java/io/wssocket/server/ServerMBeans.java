package io.wssocket.server;

import io.wssocket.spi.ServerGauges;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A server's counters as one MBean, {@code io.wssocket:type=Server,name=<name>}, registered in the
 * platform MBean server while it serves. A dynamic MBean: the runtime's internal packages are not
 * exported, and a standard MBean's interface would have to be. Messages and bytes are every
 * session's since start, the open ones' included, added up as they flow.
 */
final class ServerMBeans implements DynamicMBean {
    private static final System.Logger LOG = System.getLogger(ServerMBeans.class.getName());
    private static final String LONG = "long";
    private static final String MAP = Map.class.getName();

    private final ServerCounters counters;
    private final IntSupplier openConnections;
    private final Supplier<Map<String, Integer>> sessionsByPath;
    private final Supplier<ServerGauges.Traffic> traffic;
    private final ObjectName name;
    private final MBeanInfo info;

    private ServerMBeans(ObjectName name, ServerCounters counters, IntSupplier openConnections,
                         Supplier<Map<String, Integer>> sessionsByPath, Supplier<ServerGauges.Traffic> traffic) {
        this.name = name;
        this.traffic = traffic;
        this.counters = counters;
        this.openConnections = openConnections;
        this.sessionsByPath = sessionsByPath;
        this.info = new MBeanInfo(ServerMBeans.class.getName(), "A WS Socket server's core counters", new MBeanAttributeInfo[] {
            attribute("OpenConnections", "int", "Connections open now (WebSocket sessions and handshakes in progress)"),
            attribute("OpenSessionsByPath", MAP, "Open sessions per endpoint path"),
            attribute("HandshakesByStatus", MAP, "Handshakes answered, by HTTP status (101 and each refusal)"),
            attribute("SessionsOpened", LONG, "Sessions opened since start"),
            attribute("SessionsClosed", LONG, "Sessions closed since start"),
            attribute("MessagesIn", LONG, "Messages read by sessions since start, open ones included"),
            attribute("MessagesOut", LONG, "Messages sent by sessions since start, open ones included"),
            attribute("BytesIn", LONG, "Bytes read by sessions since start, open ones included"),
            attribute("BytesOut", LONG, "Bytes sent by sessions since start, open ones included"),
            attribute("CloseCodes", MAP, "Closed sessions by close code"),
            attribute("RejectionsByLimit", MAP, "Connections closed or handshakes refused, by the limit that did it"),
            attribute("SlowSends", LONG, "Blocking sends that waited longer than slow-send-threshold"),
            attribute("LoopStalls", LONG, "Event-loop turns longer than loop-stall-threshold"),
        }, null, null, null);
    }

    private static MBeanAttributeInfo attribute(String name, String type, String description) {
        return new MBeanAttributeInfo(name, type, description, true, false, false);
    }

    /** Registers the MBean; null when it cannot be (another server took the name: told at WARNING). */
    static ServerMBeans register(String serverName, ServerCounters counters, IntSupplier openConnections,
                                 Supplier<Map<String, Integer>> sessionsByPath, Supplier<ServerGauges.Traffic> traffic) {
        try {
            ObjectName name = new ObjectName("io.wssocket:type=Server,name=" + ObjectName.quote(serverName));
            ServerMBeans mbean = new ServerMBeans(name, counters, openConnections, sessionsByPath, traffic);
            ManagementFactory.getPlatformMBeanServer().registerMBean(mbean, name);
            return mbean;
        } catch (InstanceAlreadyExistsException e) {
            LOG.log(System.Logger.Level.WARNING, "another server registered the MBean " + e.getMessage()
                    + " already; this one's counters are not in JMX");
            return null;
        } catch (JMException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot register the server's MBean", e);
            return null;
        }
    }

    void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(System.Logger.Level.DEBUG, "unregistering " + name, e);
        }
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        return switch (attribute) {
            case "OpenConnections" -> openConnections.getAsInt();
            case "OpenSessionsByPath" -> new TreeMap<>(sessionsByPath.get());
            case "HandshakesByStatus" -> counters.handshakesByStatus();
            case "SessionsOpened" -> counters.sessionsOpened();
            case "SessionsClosed" -> counters.sessionsClosed();
            case "MessagesIn" -> traffic.get().messagesIn();
            case "MessagesOut" -> traffic.get().messagesOut();
            case "BytesIn" -> traffic.get().bytesIn();
            case "BytesOut" -> traffic.get().bytesOut();
            case "CloseCodes" -> counters.closeCodes();
            case "RejectionsByLimit" -> counters.rejectionsByLimit();
            case "SlowSends" -> counters.slowSends();
            case "LoopStalls" -> counters.loopStalls();
            default -> throw new AttributeNotFoundException(attribute);
        };
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            try {
                list.add(new Attribute(attribute, getAttribute(attribute)));
            } catch (AttributeNotFoundException e) {
                // JMX: attributes that cannot be read are left out of the list
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
