package io.streamgate.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** XPath over a pom (namespaces ignored, so paths read as the pom does). */
final class Poms {

    private Poms() {
    }

    static Document parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + pom, e);
        }
    }

    static List<Node> nodes(Node context, String xpath) {
        try {
            NodeList list = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context,
                    XPathConstants.NODESET);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < list.getLength(); i++) {
                out.add(list.item(i));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    static Optional<String> text(Node context, String xpath) {
        return nodes(context, xpath).stream().map(n -> n.getTextContent().trim()).findFirst();
    }

    static Optional<String> text(Path pom, String xpath) {
        return text(parse(pom), xpath);
    }
}
